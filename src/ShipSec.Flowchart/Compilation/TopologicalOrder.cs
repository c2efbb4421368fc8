namespace ShipSec.Flowchart.Compilation;

/// <summary>
/// Orders nodes so every node comes after the sources of its inbound edges; ties go to the node that appears first
/// in the graph, so the same graph always compiles to the same order. Reports each cycle with the nodes on it.
/// </summary>
internal static class TopologicalOrder
{
    /// <summary>The nodes in execution order, or null when the graph has a cycle (reported to <paramref name="context"/>).</summary>
    public static List<CompiledNode>? Sort(CompilationContext context)
    {
        var position = context.Nodes.Select((node, i) => (node, i)).ToDictionary(x => x.node, x => x.i);
        var outgoing = context.Edges.ToLookup(e => e.Source);
        var remainingInbound = context.Nodes.ToDictionary(n => n, _ => 0);
        foreach (var edge in context.Edges) remainingInbound[edge.Target]++;

        var ready = new PriorityQueue<CompiledNode, int>();
        foreach (var node in context.Nodes.Where(n => remainingInbound[n] == 0)) ready.Enqueue(node, position[node]);

        var order = new List<CompiledNode>(context.Nodes.Count);
        while (ready.TryDequeue(out var node, out _))
        {
            order.Add(node);
            foreach (var edge in outgoing[node])
            {
                if (--remainingInbound[edge.Target] == 0) ready.Enqueue(edge.Target, position[edge.Target]);
            }
        }

        if (order.Count == context.Nodes.Count) return order;
        ReportCycles(context, context.Nodes.Where(n => remainingInbound[n] > 0).ToList());
        return null;
    }

    /// <summary>
    /// The unsorted nodes are cycles plus whatever hangs below them; each strongly connected group of two or more
    /// is a cycle, reported once with one concrete loop through it.
    /// </summary>
    private static void ReportCycles(CompilationContext context, List<CompiledNode> unsorted)
    {
        var candidates = unsorted.ToHashSet();
        var outgoing = context.Edges.ToLookup(e => e.Source);
        var incoming = context.Edges.ToLookup(e => e.Target);
        var assigned = new HashSet<CompiledNode>();
        foreach (var start in unsorted)
        {
            if (assigned.Contains(start)) continue;
            var forward = Reach(start, candidates, outgoing, e => e.Target);
            var backward = Reach(start, candidates, incoming, e => e.Source);
            forward.IntersectWith(backward);
            assigned.UnionWith(forward);
            if (forward.Count < 2) continue;

            var loop = Loop(start, forward, outgoing);
            var nodes = string.Join(" → ", loop.Select(e => $"'{e.Source.Id}'").Append($"'{start.Id}'"));
            var edges = string.Join(", ", loop.Select(e => $"'{e.Edge.Id}'"));
            var closing = loop[^1];
            context.Report(GraphErrorCodes.Cycle,
                $"Nodes {nodes} form a cycle (edges {edges}); a workflow must not loop back on itself, remove one of these edges.",
                start.Id, closing.Edge.Id, closing.Path);
        }
    }

    /// <summary>Nodes reachable from <paramref name="start"/> inside <paramref name="within"/>, following <paramref name="edges"/> to their <paramref name="to"/> end.</summary>
    private static HashSet<CompiledNode> Reach(CompiledNode start, HashSet<CompiledNode> within,
        ILookup<CompiledNode, CompiledEdge> edges, Func<CompiledEdge, CompiledNode> to)
    {
        var seen = new HashSet<CompiledNode> { start };
        var queue = new Queue<CompiledNode>([start]);
        while (queue.TryDequeue(out var node))
        {
            foreach (var edge in edges[node].Where(e => within.Contains(to(e))))
            {
                if (seen.Add(to(edge))) queue.Enqueue(to(edge));
            }
        }
        return seen;
    }

    /// <summary>The shortest loop of edges from <paramref name="start"/> back to itself inside one cycle group.</summary>
    private static List<CompiledEdge> Loop(CompiledNode start, HashSet<CompiledNode> group, ILookup<CompiledNode, CompiledEdge> outgoing)
    {
        var via = new Dictionary<CompiledNode, CompiledEdge>();
        var queue = new Queue<CompiledNode>([start]);
        while (queue.TryDequeue(out var node))
        {
            foreach (var edge in outgoing[node].Where(e => group.Contains(e.Target)))
            {
                if (edge.Target == start)
                {
                    var loop = new List<CompiledEdge> { edge };
                    for (var at = node; at != start; at = via[at].Source) loop.Insert(0, via[at]);
                    return loop;
                }
                if (via.TryAdd(edge.Target, edge)) queue.Enqueue(edge.Target);
            }
        }
        throw new InvalidOperationException($"Node '{start.Id}' is in a cycle group but no loop through it was found.");
    }
}
