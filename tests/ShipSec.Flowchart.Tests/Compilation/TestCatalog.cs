using System.Text.Json;
using ShipSec.Contracts.Components;
using ShipSec.Contracts.Graph;
using ShipSec.Flowchart.Compilation;
using ShipSec.Flowchart.Inputs;

namespace ShipSec.Flowchart.Tests.Compilation;

/// <summary>A small component catalogue shaped like ShipSec Studio's, resolving dynamic ports the way the runtime's modules do.</summary>
internal sealed class TestCatalog : IComponentCatalog
{
    public static readonly ComponentDescriptor Entrypoint = new()
    {
        Id = WellKnown.EntrypointComponent, Name = "Start", Category = "core",
        Parameters = [new() { Id = WellKnown.RuntimeInputsParam, Label = "Runtime inputs", Type = "json" }],
    };

    public static readonly ComponentDescriptor Subfinder = new()
    {
        Id = "shipsec.subfinder.run", Name = "Subfinder", Category = "discovery", DefaultTimeoutSeconds = 1800,
        Inputs = [Port("domains", ConnectionType.ListOf(ConnectionType.Text), required: true)],
        Outputs = [Port("subdomains", ConnectionType.ListOf(ConnectionType.Text)), Port("rawOutput", ConnectionType.Text)],
        Parameters = [new() { Id = "threads", Label = "Threads", Type = "number", Required = true, Default = Json.Of(10), Min = 1, Max = 100 }],
    };

    public static readonly ComponentDescriptor Dnsx = new()
    {
        Id = "shipsec.dnsx.run", Name = "DNSX", Category = "discovery", DefaultTimeoutSeconds = 180,
        Inputs = [Port("domains", ConnectionType.ListOf(ConnectionType.Text), required: true)],
        Outputs = [Port("resolvedHosts", ConnectionType.ListOf(ConnectionType.Text)), Port("recordCount", ConnectionType.Number)],
        Parameters =
        [
            new()
            {
                Id = "recordTypes", Label = "Record types", Type = "multi-select", Default = Json.Of(new[] { "A" }),
                Options = [new("A", "A"), new("AAAA", "AAAA"), new("CNAME", "CNAME")],
            },
        ],
    };

    public static readonly ComponentDescriptor Naabu = new()
    {
        Id = "shipsec.naabu.scan", Name = "Naabu", Category = "discovery", DefaultTimeoutSeconds = 180,
        Inputs = [Port("targets", ConnectionType.ListOf(ConnectionType.Text), required: true)],
        Outputs = [Port("findings", ConnectionType.ListOf(ConnectionType.Contract("port-finding"))), Port("openPortCount", ConnectionType.Number)],
        Parameters =
        [
            new() { Id = "ports", Label = "Ports", Type = "text", Required = true },
            new() { Id = "enablePing", Label = "Ping first", Type = "boolean", Default = Json.Of(false) },
        ],
    };

    public static readonly ComponentDescriptor Httpx = new()
    {
        Id = "shipsec.httpx.scan", Name = "HTTPX", Category = "discovery", DefaultTimeoutSeconds = 240,
        Inputs = [Port("targets", ConnectionType.ListOf(ConnectionType.Text), required: true)],
        Outputs = [Port("responses", ConnectionType.ListOf(ConnectionType.Json)), Port("resultCount", ConnectionType.Number)],
        Parameters = [new() { Id = "followRedirects", Label = "Follow redirects", Type = "boolean", Default = Json.Of(false) }],
    };

    public static readonly ComponentDescriptor ReportWriter = new()
    {
        Id = "core.artifact.writer", Name = "Report writer", Category = "output",
        Inputs = [Port("content", ConnectionType.Any, required: true), Port("title", ConnectionType.Text)],
        Outputs = [Port("artifactId", ConnectionType.Text)],
        Parameters =
        [
            new()
            {
                Id = "format", Label = "Format", Type = "select", Default = Json.Of("markdown"),
                Options = [new("Markdown", "markdown"), new("JSON", "json")],
            },
        ],
    };

    public static readonly ComponentDescriptor SlackNotification = new()
    {
        Id = "core.notification.slack", Name = "Slack", Category = "output", DefaultTimeoutSeconds = 30,
        Inputs = [Port("message", ConnectionType.Text, required: true)],
        Outputs = [Port("delivered", ConnectionType.Boolean)],
        Parameters = [new() { Id = "webhook", Label = "Webhook secret", Type = "secret", Required = true }],
    };

    public static readonly ComponentDescriptor Branch = new()
    {
        Id = "core.logic.branch", Name = "Branch", Category = "transform",
        Inputs = [Port("value", ConnectionType.Any, required: true)],
        Outputs =
        [
            Port("true", ConnectionType.Boolean) with { IsBranching = true },
            Port("false", ConnectionType.Boolean) with { IsBranching = true },
            Port("value", ConnectionType.Any),
        ],
    };

    /// <summary>Dynamic outputs: one per name in its <c>fields</c> parameter.</summary>
    public static readonly ComponentDescriptor ArrayPick = new()
    {
        Id = "core.array.pick", Name = "Pick fields", Category = "transform",
        Inputs = [Port("items", ConnectionType.ListOf(ConnectionType.Json), required: true)],
        Parameters = [new() { Id = "fields", Label = "Fields", Type = "json" }],
    };

    private static readonly Dictionary<string, ComponentDescriptor> All =
        new[] { Entrypoint, Subfinder, Dnsx, Naabu, Httpx, ReportWriter, SlackNotification, Branch, ArrayPick }
            .ToDictionary(c => c.Id);

    public ComponentDescriptor? Find(string componentId) => All.GetValueOrDefault(componentId);

    public PortSet ResolvePorts(ComponentDescriptor component, IReadOnlyDictionary<string, JsonElement> parameters)
    {
        if (component.Id == Entrypoint.Id)
            return new PortSet([], RuntimeInputs.Read(parameters).Select(i => Port(i.Id, TypeOf(i.Type))).ToList());

        if (component.Id == ArrayPick.Id)
        {
            if (!parameters.TryGetValue("fields", out var fields) || fields.ValueKind != JsonValueKind.Array
                || fields.EnumerateArray().Any(f => f.ValueKind != JsonValueKind.String))
                throw new PortResolutionException("'fields' must be an array of field names.", "fields");
            return new PortSet(component.Inputs, fields.EnumerateArray().Select(f => Port(f.GetString()!, ConnectionType.ListOf(ConnectionType.Text))).ToList());
        }

        return new PortSet(component.Inputs, component.Outputs);
    }

    private static ConnectionType TypeOf(RuntimeInputType type) => type switch
    {
        RuntimeInputType.Text => ConnectionType.Text,
        RuntimeInputType.Number => ConnectionType.Number,
        RuntimeInputType.Boolean => ConnectionType.Boolean,
        RuntimeInputType.Array => ConnectionType.ListOf(ConnectionType.Text),
        RuntimeInputType.File => ConnectionType.File,
        RuntimeInputType.Secret => ConnectionType.Secret,
        _ => ConnectionType.Json,
    };

    private static PortDescriptor Port(string id, ConnectionType type, bool required = false) =>
        new() { Id = id, Label = id, ConnectionType = type, Required = required };
}
