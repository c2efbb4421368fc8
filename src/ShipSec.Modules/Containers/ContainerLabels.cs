namespace ShipSec.Modules.Containers;

/// <summary>The labels that tie a container to a run and a node, and mark it as ours for the orphan sweep.</summary>
public static class ContainerLabels
{
    /// <summary><c>true</c> on every container and volume the runner creates.</summary>
    public const string Managed = "shipsec.managed";

    public const string RunId = "shipsec.runId";
    public const string NodeId = "shipsec.nodeId";
    public const string Attempt = "shipsec.attempt";
    public const string ComponentId = "shipsec.componentId";

    /// <summary>UTC unix time after which no live runner still waits for the container: past it, the container is an orphan.</summary>
    public const string Deadline = "shipsec.deadline";

    /// <summary>The run, node, attempt and component of a module attempt.</summary>
    public static IReadOnlyDictionary<string, string> For(ModuleContext context) => new Dictionary<string, string>
    {
        [RunId] = context.RunId,
        [NodeId] = context.NodeId,
        [Attempt] = context.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [ComponentId] = context.ComponentId,
    };
}
