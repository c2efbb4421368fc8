using System.Security.Cryptography;
using System.Text;

namespace ShipSec.Runtime.Tracing;

/// <summary>Deterministic trace event ids, so an event re-sent by a redelivered attempt or a replayed transition is stored once.</summary>
public static class TraceEventIds
{
    private const int MaxLength = 200;

    /// <summary>The id of the <paramref name="n"/>-th event of <paramref name="kind"/> emitted by one attempt of a node.</summary>
    public static string ForAttempt(string runId, string nodeId, int attempt, string kind, long n) =>
        Bounded($"{runId}:{nodeId}:{attempt}:{kind}:{n}");

    /// <summary>The id of a run-level event identified by its parts (e.g. the WORKFLOW_STATUS of one status).</summary>
    public static string ForRun(string runId, params string[] parts) =>
        Bounded($"{runId}:{string.Join(':', parts)}");

    /// <summary>Long node ids would make ids exceed the column; those are replaced by a digest of the same text.</summary>
    private static string Bounded(string id) =>
        id.Length <= MaxLength ? id : "h:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
}
