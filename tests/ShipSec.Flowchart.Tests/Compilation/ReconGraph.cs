using ShipSec.Contracts.Graph;
using ShipSec.Flowchart.Compilation;

namespace ShipSec.Flowchart.Tests.Compilation;

/// <summary>
/// A valid recon workflow as ShipSec Studio saves it: start → subfinder → dnsx → (naabu, httpx) → report, with an
/// error edge from naabu to a Slack alert. Nodes are listed out of execution order on purpose.
/// </summary>
internal static class ReconGraph
{
    public const string Document = """
    {
      "name": "External recon",
      "description": "Enumerate, resolve, probe and scan a target's domains.",
      "nodes": [
        { "id": "report", "type": "core.artifact.writer", "position": { "x": 900, "y": 120 },
          "data": { "label": "Write report",
                    "config": { "params": { "format": "markdown" },
                                "inputOverrides": { "title": "Recon report" },
                                "joinStrategy": "any" } } },
        { "id": "start", "type": "core.workflow.entrypoint", "position": { "x": 0, "y": 0 },
          "data": { "label": "Start",
                    "config": { "params": { "runtimeInputs": [
                                  { "id": "domains", "label": "Target domains", "type": "array", "required": true },
                                  { "id": "notes", "label": "Notes", "type": "string", "required": false, "defaultValue": "none" } ] },
                                "inputOverrides": { "notes": "none" },
                                "timeoutSeconds": 3600 } } },
        { "id": "subfinder", "type": "shipsec.subfinder.run", "position": { "x": 200, "y": 0 },
          "data": { "label": "Subfinder", "config": { "params": { "threads": 20 }, "inputOverrides": {} } } },
        { "id": "dnsx", "type": "shipsec.dnsx.run", "position": { "x": 400, "y": 0 },
          "data": { "label": "Resolve DNS", "config": { "params": {}, "inputOverrides": {} } } },
        { "id": "naabu", "type": "shipsec.naabu.scan", "position": { "x": 600, "y": -80 },
          "data": { "label": "Port scan",
                    "config": { "params": { "ports": "80,443,8080" }, "inputOverrides": {},
                                "retryPolicy": { "maxAttempts": 3, "initialIntervalSeconds": 0.5, "backoffCoefficient": 2,
                                                 "maximumIntervalSeconds": 10, "nonRetryableErrorTypes": ["ValidationError"] },
                                "timeoutSeconds": 600, "maxConcurrency": 4 } } },
        { "id": "httpx", "type": "shipsec.httpx.scan", "position": { "x": 600, "y": 80 },
          "data": { "label": "Probe HTTP", "config": { "params": { "followRedirects": true }, "inputOverrides": {} } } },
        { "id": "alert", "type": "core.notification.slack", "position": { "x": 900, "y": -80 },
          "data": { "label": "Alert on failure", "config": { "params": { "webhook": "slack-webhook" }, "inputOverrides": {} } } }
      ],
      "edges": [
        { "id": "e1", "source": "start", "target": "subfinder", "sourceHandle": "domains", "targetHandle": "domains" },
        { "id": "e2", "source": "subfinder", "target": "dnsx", "sourceHandle": "subdomains", "targetHandle": "domains" },
        { "id": "e3", "source": "dnsx", "target": "naabu", "sourceHandle": "resolvedHosts", "targetHandle": "targets" },
        { "id": "e4", "source": "dnsx", "target": "httpx", "sourceHandle": "resolvedHosts", "targetHandle": "targets" },
        { "id": "e5", "source": "naabu", "target": "report" },
        { "id": "e6", "source": "httpx", "target": "report", "sourceHandle": "responses", "targetHandle": "content" },
        { "id": "e7", "source": "naabu", "target": "alert", "sourceHandle": "error", "targetHandle": "message", "kind": "error" }
      ],
      "viewport": { "x": 0, "y": 0, "zoom": 1 }
    }
    """;

    public static WorkflowGraph Load() => WorkflowGraphJson.Parse(Document);
}
