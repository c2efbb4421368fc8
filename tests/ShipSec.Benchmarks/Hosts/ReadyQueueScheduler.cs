using ShipSec.Contracts.Definitions;

namespace ShipSec.Benchmarks.Hosts;

/// <summary>
/// The floor of executing a DAG in memory: in-degree counters and a FIFO ready queue over integer node indices, one
/// delegate call per node, successors decremented as nodes finish. No state snapshots, no joins, no trace.
/// </summary>
public sealed class ReadyQueueScheduler
{
    private readonly int[][] _successors;
    private readonly int[] _inDegree;

    public ReadyQueueScheduler(WorkflowDefinition definition)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var action in definition.Actions)
            index[action.Ref] = index.Count;

        _inDegree = new int[index.Count];
        var successors = Enumerable.Range(0, index.Count).Select(_ => new List<int>()).ToArray();
        foreach (var edge in definition.Edges)
        {
            successors[index[edge.SourceRef]].Add(index[edge.TargetRef]);
            _inDegree[index[edge.TargetRef]]++;
        }

        _successors = successors.Select(s => s.ToArray()).ToArray();
    }

    /// <summary>Runs every node once, in dependency order; returns how many nodes ran.</summary>
    public int Run(Action<int> execute)
    {
        var remaining = (int[])_inDegree.Clone();
        var ready = new Queue<int>();
        for (var node = 0; node < remaining.Length; node++)
        {
            if (remaining[node] == 0)
                ready.Enqueue(node);
        }

        var executed = 0;
        while (ready.TryDequeue(out var node))
        {
            execute(node);
            executed++;
            foreach (var successor in _successors[node])
            {
                if (--remaining[successor] == 0)
                    ready.Enqueue(successor);
            }
        }

        return executed;
    }
}
