using ShipSec.Contracts.Definitions;
using ShipSec.Contracts.Graph;
using ShipSec.Flowchart.Compilation.Rules;

namespace ShipSec.Flowchart.Compilation;

/// <summary>
/// Validates a designer's <see cref="WorkflowGraph"/> against the installed components and compiles it into a
/// <see cref="WorkflowDefinition"/> (ARCHITECTURE §4.1–4.2). Pure: no I/O, the same input always gives the same output.
/// </summary>
public static class WorkflowCompiler
{
    /// <summary>
    /// Compiles <paramref name="graph"/> as version <paramref name="version"/>.
    /// Throws <see cref="GraphValidationException"/> listing every problem found when the graph is invalid.
    /// </summary>
    public static WorkflowDefinition Compile(WorkflowGraph graph, int version, IComponentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(catalog);

        var context = new CompilationContext(graph, catalog);
        NodeRules.Check(context);
        ExecutionOptionRules.Check(context);
        ParameterRules.Check(context);
        EdgeRules.Check(context);
        RequiredInputRules.Check(context);
        var order = TopologicalOrder.Sort(context);

        if (context.Problems.Count > 0 || order is null)
            throw new GraphValidationException(context.Problems);
        return DefinitionBuilder.Build(context, order, version);
    }
}
