using NUnit.Framework;
using ShipSec.Contracts.Graph;
using ShipSec.Flowchart.Compilation;

namespace ShipSec.Flowchart.Tests.Compilation;

/// <summary>Compiles a graph that must be rejected and hands back the problems reported.</summary>
internal static class Rejections
{
    public static IReadOnlyList<GraphValidationError> Of(WorkflowGraph graph)
    {
        var exception = Assert.Throws<GraphValidationException>(() => WorkflowCompiler.Compile(graph, 1, new TestCatalog()));
        return exception!.Errors;
    }

    /// <summary>The one problem of a graph that has exactly one.</summary>
    public static GraphValidationError Single(WorkflowGraph graph)
    {
        var errors = Of(graph);
        Assert.That(errors, Has.Count.EqualTo(1), "expected exactly one problem, got:\n" + string.Join("\n", errors));
        return errors[0];
    }

    /// <summary>A two-node valid graph: start → note (control edge), the note's required input set by override.</summary>
    public static WorkflowGraph Minimal() => new()
    {
        Name = "Minimal",
        Nodes =
        [
            new() { Id = "start", Type = WellKnown.EntrypointComponent, Data = new() { Label = "Start" } },
            new()
            {
                Id = "note", Type = TestCatalog.ReportWriter.Id,
                Data = new() { Label = "Note", Config = new() { InputOverrides = new() { ["content"] = Json.Of("hello") } } },
            },
        ],
        Edges = [new() { Id = "c1", Source = "start", Target = "note" }],
    };
}
