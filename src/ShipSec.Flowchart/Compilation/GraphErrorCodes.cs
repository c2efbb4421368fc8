namespace ShipSec.Flowchart.Compilation;

/// <summary>The stable codes of <see cref="GraphValidationError"/>; clients may switch on them.</summary>
public static class GraphErrorCodes
{
    public const string InvalidJson = "invalid-json";
    public const string EmptyName = "empty-name";
    public const string MissingEntrypoint = "missing-entrypoint";
    public const string MultipleEntrypoints = "multiple-entrypoints";
    public const string EntrypointInboundEdge = "entrypoint-inbound-edge";
    public const string EmptyNodeId = "empty-node-id";
    public const string DuplicateNodeId = "duplicate-node-id";
    public const string UnknownComponent = "unknown-component";
    public const string EmptyEdgeId = "empty-edge-id";
    public const string DuplicateEdgeId = "duplicate-edge-id";
    public const string UnknownNode = "unknown-node";
    public const string SelfLoop = "self-loop";
    public const string Cycle = "cycle";
    public const string InvalidEdgeKind = "invalid-edge-kind";
    public const string HalfHandle = "half-handle";
    public const string UnknownSourceHandle = "unknown-source-handle";
    public const string UnknownTargetHandle = "unknown-target-handle";
    public const string DuplicateTargetInput = "duplicate-target-input";
    public const string IncompatiblePortTypes = "incompatible-port-types";
    public const string MissingRequiredInput = "missing-required-input";
    public const string MissingRequiredParameter = "missing-required-parameter";
    public const string InvalidParameter = "invalid-parameter";
    public const string InvalidRuntimeInputs = "invalid-runtime-inputs";
    public const string InvalidJoinStrategy = "invalid-join-strategy";
    public const string InvalidRetryPolicy = "invalid-retry-policy";
    public const string InvalidTimeout = "invalid-timeout";
    public const string InvalidMaxConcurrency = "invalid-max-concurrency";
}
