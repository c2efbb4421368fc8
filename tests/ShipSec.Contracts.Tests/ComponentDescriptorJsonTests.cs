using NUnit.Framework;
using ShipSec.Contracts.Components;

namespace ShipSec.Contracts.Tests;

public class ComponentDescriptorJsonTests
{
    [Test]
    public void Docker_component_descriptor_survives_a_round_trip()
    {
        var descriptor = ContractJson.RoundTrip<ComponentDescriptor>("""
        {
          "id": "shipsec.subfinder.run",
          "name": "Subfinder",
          "category": "discovery",
          "description": "Passive subdomain enumeration.",
          "version": "2.1.0",
          "inputs": [
            { "id": "domains", "label": "Domains", "connectionType": { "kind": "list", "element": { "kind": "primitive", "name": "text" } },
              "required": true, "description": "Apex domains", "isBranching": false },
            { "id": "providerConfig", "label": "Provider config", "connectionType": { "kind": "map", "element": { "kind": "any" } },
              "required": false, "isBranching": false },
            { "id": "apiKey", "label": "API key", "connectionType": { "kind": "primitive", "name": "secret" }, "required": false, "isBranching": false }
          ],
          "outputs": [
            { "id": "subdomains", "label": "Subdomains", "connectionType": { "kind": "list", "element": { "kind": "primitive", "name": "text" } },
              "required": false, "isBranching": false },
            { "id": "results", "label": "Results", "connectionType": { "kind": "list", "element": { "kind": "contract", "name": "finding" } },
              "required": false, "isBranching": false },
            { "id": "found", "label": "Found any", "connectionType": { "kind": "primitive", "name": "boolean" }, "required": false, "isBranching": true }
          ],
          "parameters": [
            { "id": "threads", "label": "Threads", "type": "number", "required": false, "default": 10, "min": 1, "max": 100 },
            { "id": "mode", "label": "Mode", "type": "select", "required": true, "default": "passive",
              "options": [ { "label": "Passive", "value": "passive" }, { "label": "All sources", "value": "all" } ] },
            { "id": "extra", "label": "Extra flags", "type": "json", "required": false, "description": "Passed through as-is" }
          ],
          "runner": { "kind": "docker", "image": "ghcr.io/shipsecai/subfinder:latest", "network": "bridge" },
          "defaultTimeoutSeconds": 1800
        }
        """);

        Assert.Multiple(() =>
        {
            Assert.That(descriptor.Inputs[0].ConnectionType, Is.EqualTo(ConnectionType.ListOf(ConnectionType.Text)));
            Assert.That(descriptor.Outputs[1].ConnectionType, Is.EqualTo(ConnectionType.ListOf(ConnectionType.Contract("finding"))));
            Assert.That(descriptor.Outputs[2].IsBranching, Is.True);
            Assert.That(descriptor.Parameters[1].Options, Is.EqualTo(new[] { new ParameterOption("Passive", "passive"), new ParameterOption("All sources", "all") }));
            Assert.That(descriptor.Runner, Is.EqualTo(new RunnerDescriptor { Kind = "docker", Image = "ghcr.io/shipsecai/subfinder:latest", Network = "bridge" }));
        });
    }

    [Test]
    public void Inline_component_writes_an_inline_runner()
    {
        var json = ContractJson.Write(new ComponentDescriptor { Id = "core.workflow.entrypoint", Name = "Start", Category = "core" });

        Assert.That(json, Does.Contain("\"runner\":{\"kind\":\"inline\"}"));
    }

    [Test]
    public void Connection_types_are_written_without_their_static_shortcuts()
    {
        Assert.That(ContractJson.Write(ConnectionType.ListOf(ConnectionType.Number)),
            Is.EqualTo("""{"kind":"list","element":{"kind":"primitive","name":"number"}}"""));
    }
}
