namespace ShipSec.Benchmarks.Workloads;

/// <summary>The graph shapes the overhead is measured on; every node is a no-op, so only scheduling is measured.</summary>
public enum Shape
{
    /// <summary>100 nodes in a line: the entry node, then 99 nodes each depending on the one before.</summary>
    Chain100,

    /// <summary>The entry node, 200 parallel nodes depending on it, and one join (strategy <c>all</c>) depending on all 200: 202 nodes.</summary>
    FanOutIn200,

    /// <summary>The entry node feeding 10 layers of 10 nodes; every node of layer k+1 depends on all 10 nodes of layer k: 101 nodes, 910 edges.</summary>
    Lattice10x10,
}
