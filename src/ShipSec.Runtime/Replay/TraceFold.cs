using System.Text.Json;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Runs;
using ShipSec.Contracts.Trace;
using ShipSec.Modules.Containers;

namespace ShipSec.Runtime.Replay;

/// <summary>
/// Folds a run's trace events, in sequence order, into the state of the run and of each node at the last event folded.
/// Pure: it knows only the events and the run's nodes, so the same trace always replays to the same state. Memory is bounded
/// by the node count and <see cref="LastLogLines"/> per node, however long the trace.
/// </summary>
public sealed class TraceFold
{
    private readonly Dictionary<string, NodeFold> _nodes;
    private readonly List<NodeFold> _order;
    private RunStatus _status = RunStatus.Queued;
    private DateTimeOffset? _startedAt;
    private DateTimeOffset? _completedAt;
    private RunFailure? _failure;
    private long _cursor;
    private long _events;

    /// <summary>A fold over a run whose nodes are <paramref name="nodes"/> (id and component, in display order).</summary>
    public TraceFold(IEnumerable<(string NodeId, string ComponentId)> nodes, int lastLogLines)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lastLogLines);
        LastLogLines = lastLogLines;
        _order = nodes.Select(n => new NodeFold(n.NodeId, n.ComponentId, lastLogLines)).ToList();
        _nodes = _order.ToDictionary(n => n.NodeId, StringComparer.Ordinal);
    }

    /// <summary>Most log lines kept per node.</summary>
    public int LastLogLines { get; }

    /// <summary>Applies one event; events must come in sequence order.</summary>
    public void Apply(TraceEvent e)
    {
        _events++;
        _cursor = Math.Max(_cursor, e.Sequence);
        if (e.Type == TraceEventType.WorkflowStatus)
        {
            ApplyStatus(e);
            return;
        }
        if (e.NodeId is null) return;
        if (!_nodes.TryGetValue(e.NodeId, out var node))
        {
            // A node the definition does not list (never expected): show it rather than hide what the trace says.
            node = new NodeFold(e.NodeId, e.Data?.String("componentId") ?? "", LastLogLines);
            _nodes[e.NodeId] = node;
            _order.Add(node);
        }
        node.Apply(e);
    }

    /// <summary>The run as of the events applied so far.</summary>
    public RunReplayState Snapshot(string runId, string workflowId, int workflowVersion, DateTimeOffset? at) => new()
    {
        RunId = runId,
        WorkflowId = workflowId,
        WorkflowVersion = workflowVersion,
        At = at,
        Cursor = _cursor,
        Events = _events,
        Status = _status,
        StartedAt = _startedAt,
        CompletedAt = _completedAt,
        Failure = _failure,
        Progress = new RunProgress(_order.Count(n => n.Status == NodeReplayStatus.Succeeded), _order.Count),
        Nodes = _order.Select(n => n.Snapshot()).ToList(),
    };

    private void ApplyStatus(TraceEvent e)
    {
        if (!RunStatusExtensions.TryParseWire(e.Data?.String("status"), out var status)) return;
        _status = status;
        if (status == RunStatus.Running) _startedAt ??= e.Timestamp;
        if (status.IsTerminal())
        {
            _completedAt = e.Timestamp;
            _startedAt ??= e.Timestamp;
            _failure = e.Data?.Object("failure")?.Deserialize<RunFailure>(ShipSecJson.Options);
        }
    }

    /// <summary>One node's state while folding.</summary>
    private sealed class NodeFold(string nodeId, string componentId, int lastLogLines)
    {
        private readonly Queue<ReplayLogLine> _logs = new();
        private readonly List<ReplayArtifact> _artifacts = [];
        private DateTimeOffset? _attemptStartedAt;
        private DateTimeOffset? _startedAt;
        private DateTimeOffset? _completedAt;
        private long? _durationMs;
        private NodeProgressSnapshot? _progress;
        private long _logLines;
        private NodeError? _error;
        private JsonElement? _outputSummary;
        private List<string>? _activatedPorts;
        private string? _skipReason;
        private int _attempt;

        public string NodeId { get; } = nodeId;
        public string ComponentId { get; private set; } = componentId;
        public NodeReplayStatus Status { get; private set; } = NodeReplayStatus.Idle;

        public void Apply(TraceEvent e)
        {
            switch (e.Type)
            {
                case TraceEventType.NodeStarted:
                    _attempt = Math.Max(_attempt, e.Attempt ?? (int)(e.Data?.Integer("attempt") ?? 1));
                    if (e.Data?.String("componentId") is { Length: > 0 } component) ComponentId = component;
                    Status = NodeReplayStatus.Running;
                    _startedAt ??= e.Timestamp;
                    _attemptStartedAt = e.Timestamp;
                    _progress = null;
                    _error = null;
                    _completedAt = null;
                    break;
                case TraceEventType.NodeLog:
                    _logLines++;
                    if (lastLogLines == 0) break;
                    if (_logs.Count == lastLogLines) _logs.Dequeue();
                    _logs.Enqueue(new ReplayLogLine(e.Sequence, e.Timestamp, e.Data?.String("stream") ?? "module",
                        e.Data?.String("line") ?? e.Message ?? "", e.Level));
                    break;
                case TraceEventType.NodeProgress:
                    _progress = new NodeProgressSnapshot(e.Data?.Integer("current"), e.Data?.Integer("total"), e.Data?.String("unit"),
                        e.Data?.String("message") ?? e.Message ?? "", e.Timestamp);
                    break;
                case TraceEventType.NodeArtifact:
                    _artifacts.Add(new ReplayArtifact(e.Data?.String("artifactId") ?? "", e.Data?.String("name") ?? "",
                        e.Data?.String("contentType") ?? "", e.Data?.Integer("size") ?? 0, e.Data?.String("sha256") ?? "", e.Timestamp));
                    break;
                case TraceEventType.NodeCompleted:
                    Status = NodeReplayStatus.Succeeded;
                    _completedAt = e.Timestamp;
                    _durationMs = e.Data?.Integer("durationMs") ?? Elapsed(e);
                    _error = null;
                    _outputSummary = e.Data is { } data && data.TryGetProperty("outputSummary", out var summary) ? summary.Clone() : null;
                    _activatedPorts = e.Data is { } d && d.TryGetProperty("activatedPorts", out var ports) && ports.ValueKind == JsonValueKind.Array
                        ? ports.EnumerateArray().Select(p => p.GetString() ?? "").ToList()
                        : null;
                    break;
                case TraceEventType.NodeFailed:
                    _error = e.Data?.Object("error")?.Deserialize<NodeError>(ShipSecJson.Options) ?? new NodeError { Message = e.Message ?? "" };
                    _durationMs = Elapsed(e);
                    var willRetry = e.Data?.Boolean("willRetry") == true;
                    if (willRetry)
                    {
                        Status = NodeReplayStatus.Retrying;
                        break;
                    }
                    Status = _error?.Type == NodeErrorTypes.Cancelled ? NodeReplayStatus.Cancelled : NodeReplayStatus.Failed;
                    _completedAt = e.Timestamp;
                    break;
                case TraceEventType.NodeSkipped:
                    Status = NodeReplayStatus.Skipped;
                    _skipReason = e.Data?.String("reason") ?? e.Message;
                    _completedAt = e.Timestamp;
                    break;
            }
        }

        public NodeReplayState Snapshot() => new()
        {
            NodeId = NodeId,
            ComponentId = ComponentId,
            Status = Status,
            Attempt = _attempt,
            StartedAt = _startedAt,
            CompletedAt = _completedAt,
            DurationMs = _durationMs,
            Progress = _progress,
            LogLines = _logLines,
            LastLogs = _logs.ToList(),
            Artifacts = _artifacts.ToList(),
            Error = _error,
            OutputSummary = _outputSummary,
            ActivatedPorts = _activatedPorts,
            SkipReason = _skipReason,
        };

        private long? Elapsed(TraceEvent e) =>
            _attemptStartedAt is { } started ? (long)Math.Max(0, (e.Timestamp - started).TotalMilliseconds) : null;
    }
}
