using System.Text.Json;
using System.Text.Json.Serialization;
using ShipSec.Contracts.Graph;
using ShipSec.Contracts.Json;

namespace ShipSec.Flowchart.Compilation;

/// <summary>
/// Reads a workflow graph document strictly (no null where a value is required, no numbers in strings) and turns
/// a malformed document into a <see cref="GraphValidationException"/> that points at the offending field, so the
/// HTTP layer answers 400 with the same error shape as for semantic problems.
/// </summary>
public static class WorkflowGraphJson
{
    private static readonly JsonSerializerOptions Strict = CreateStrict();

    /// <summary>Parses <paramref name="json"/>; throws <see cref="GraphValidationException"/> when it is not a well-formed graph document.</summary>
    public static WorkflowGraph Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Checked(() => JsonSerializer.Deserialize<WorkflowGraph>(json, Strict));
    }

    /// <summary>Converts an already parsed document; throws <see cref="GraphValidationException"/> when it is not a well-formed graph document.</summary>
    public static WorkflowGraph Parse(JsonElement json) => Checked(() => json.Deserialize<WorkflowGraph>(Strict));

    private static WorkflowGraph Checked(Func<WorkflowGraph?> read)
    {
        WorkflowGraph? graph;
        try
        {
            graph = read();
        }
        catch (JsonException e)
        {
            throw new GraphValidationException([Describe(e)]);
        }

        if (graph is null)
            throw new GraphValidationException([new GraphValidationError(GraphErrorCodes.InvalidJson,
                "The workflow document is null; send a graph object {name, nodes, edges}.")]);

        // Nullability annotations do not reach list elements, so a null node or edge is caught here.
        var holes = graph.Nodes.Select((n, i) => (n is null, $"nodes[{i}]"))
            .Concat(graph.Edges.Select((e, i) => (e is null, $"edges[{i}]")))
            .Where(x => x.Item1)
            .Select(x => new GraphValidationError(GraphErrorCodes.InvalidJson, $"'{x.Item2}' is null; remove it or replace it with an object.", Field: x.Item2))
            .ToList();
        return holes.Count == 0 ? graph : throw new GraphValidationException(holes);
    }

    private static GraphValidationError Describe(JsonException e)
    {
        // The serializer wraps the reader's exception when the text is not JSON at all; otherwise a value does not fit the schema.
        if (e.InnerException is JsonException reader)
            return new(GraphErrorCodes.InvalidJson,
                $"The workflow document is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {Reason(reader)}");

        var field = e.Path is null or "$" ? null : e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path.TrimStart('$');
        var location = field is null ? "" : $" at '{field}'";
        var leaf = field?[(field.LastIndexOf('.') + 1)..];

        return leaf switch
        {
            "joinStrategy" => new(GraphErrorCodes.InvalidJoinStrategy,
                $"Invalid join strategy{location}; use \"all\", \"any\" or \"first\".", Field: field),
            "timeoutSeconds" => new(GraphErrorCodes.InvalidTimeout,
                $"Invalid timeout{location}; use a whole number of seconds greater than 0.", Field: field),
            "maxConcurrency" => new(GraphErrorCodes.InvalidMaxConcurrency,
                $"Invalid maxConcurrency{location}; use a whole number greater than 0.", Field: field),
            "kind" when field!.StartsWith("edges", StringComparison.Ordinal) => new(GraphErrorCodes.InvalidEdgeKind,
                $"Invalid edge kind{location}; use \"success\" or \"error\".", Field: field),
            _ when field?.Contains(".retryPolicy", StringComparison.Ordinal) == true => new(GraphErrorCodes.InvalidRetryPolicy,
                $"Invalid retry policy{location}: maxAttempts is a whole number, initialIntervalSeconds, backoffCoefficient and maximumIntervalSeconds are numbers, nonRetryableErrorTypes is a list of strings.",
                Field: field),
            _ => new(GraphErrorCodes.InvalidJson,
                $"The workflow document has a value of the wrong type{location} (or null where a value is required); see the graph schema for what belongs there.",
                Field: field),
        };
    }

    /// <summary>The reader's message without its trailing "LineNumber: …" details (already in the message).</summary>
    private static string Reason(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut].TrimEnd(' ', '|');
    }

    private static JsonSerializerOptions CreateStrict()
    {
        var options = new JsonSerializerOptions(ShipSecJson.Options)
        {
            RespectNullableAnnotations = true,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.MakeReadOnly();
        return options;
    }
}
