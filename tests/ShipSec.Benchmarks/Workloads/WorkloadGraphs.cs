using ShipSec.Contracts.Definitions;
using ShipSec.Contracts.Graph;

namespace ShipSec.Benchmarks.Workloads;

/// <summary>Builds the compiled definition of each <see cref="Shape"/>: control edges only, no retries, no timeouts.</summary>
public static class WorkloadGraphs
{
    private const string EntryRef = "entry";

    public static WorkflowDefinition Build(Shape shape) => shape switch
    {
        Shape.Chain100 => Chain(length: 100),
        Shape.FanOutIn200 => FanOutIn(width: 200),
        Shape.Lattice10x10 => Lattice(layers: 10, width: 10),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "Unknown benchmark shape"),
    };

    private static WorkflowDefinition Chain(int length)
    {
        var graph = new GraphUnderConstruction();
        var previous = graph.Entry();
        for (var i = 1; i < length; i++)
        {
            var node = graph.Node($"step-{i}");
            graph.Edge(previous, node);
            previous = node;
        }

        return graph.Build($"chain of {length}");
    }

    /// <summary>The entry node, <paramref name="width"/> parallel nodes depending on it, and one <c>all</c> join depending on every one of them.</summary>
    public static WorkflowDefinition FanOutIn(int width)
    {
        var graph = new GraphUnderConstruction();
        var entry = graph.Entry();
        var branches = Enumerable.Range(1, width).Select(i => graph.Node($"branch-{i}")).ToList();
        var join = graph.Node("join");
        foreach (var branch in branches)
        {
            graph.Edge(entry, branch);
            graph.Edge(branch, join);
        }

        return graph.Build($"fan-out / fan-in of {width}");
    }

    private static WorkflowDefinition Lattice(int layers, int width)
    {
        var graph = new GraphUnderConstruction();
        IReadOnlyList<string> previous = [graph.Entry()];
        for (var layer = 1; layer <= layers; layer++)
        {
            var current = Enumerable.Range(1, width).Select(i => graph.Node($"l{layer}-n{i}")).ToList();
            foreach (var node in current)
            {
                foreach (var upstream in previous)
                    graph.Edge(upstream, node);
            }

            previous = current;
        }

        return graph.Build($"{layers}x{width} lattice");
    }

    /// <summary>Collects nodes (added in topological order) and edges, then produces the definition the compiler would.</summary>
    private sealed class GraphUnderConstruction
    {
        private readonly List<DefinitionAction> _actions = [];
        private readonly List<DefinitionEdge> _edges = [];

        public string Entry() => Add(EntryRef, WellKnown.EntrypointComponent);

        public string Node(string nodeRef) => Add(nodeRef, "bench.noop");

        public void Edge(string source, string target) => _edges.Add(new DefinitionEdge
        {
            Id = $"{source}->{target}",
            SourceRef = source,
            TargetRef = target,
            Kind = EdgeKind.Success,
        });

        public WorkflowDefinition Build(string title)
        {
            var inbound = _edges.ToLookup(e => e.TargetRef, StringComparer.Ordinal);
            return new WorkflowDefinition
            {
                Version = 1,
                Title = title,
                Entrypoint = new EntrypointRef(EntryRef),
                Nodes = _actions.ToDictionary(a => a.Ref, a => new NodeMetadata
                {
                    Ref = a.Ref,
                    Label = a.Ref,
                    ComponentId = a.ComponentId,
                    JoinStrategy = JoinStrategy.All,
                }, StringComparer.Ordinal),
                Edges = _edges,
                DependencyCounts = _actions.ToDictionary(a => a.Ref, a => inbound[a.Ref].Count(), StringComparer.Ordinal),
                Actions = _actions.Select(a => a with
                {
                    DependsOn = inbound[a.Ref].Select(e => e.SourceRef).Distinct(StringComparer.Ordinal).ToList(),
                }).ToList(),
            };
        }

        private string Add(string nodeRef, string componentId)
        {
            _actions.Add(new DefinitionAction { Ref = nodeRef, ComponentId = componentId });
            return nodeRef;
        }
    }
}
