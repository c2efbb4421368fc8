using System.Text.Json;
using ShipSec.Contracts.Json;
using ShipSec.Runtime.Messages;
using ShipSec.Runtime.Persistence;

namespace ShipSec.Runtime.Bus;

/// <summary>Turns bus messages into outbox rows and back; only the runtime's own message types travel through the outbox.</summary>
public static class OutboxMessages
{
    private static readonly Dictionary<string, Type> Types = new[]
    {
        typeof(StartRun), typeof(CancelRun), typeof(ExecuteNode), typeof(CancelNodeExecution),
        typeof(NodeSucceeded), typeof(NodeFailed), typeof(TraceEventBatch),
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>The row that carries <paramref name="message"/>; add it to the context whose transaction commits the state change.</summary>
    public static OutboxMessageRecord ToRecord(object message, DateTimeOffset now)
    {
        var type = message.GetType();
        if (!Types.ContainsKey(type.Name))
            throw new ArgumentException($"{type.Name} is not a message the outbox relays.", nameof(message));
        return new OutboxMessageRecord
        {
            MessageType = type.Name,
            Body = JsonSerializer.Serialize(message, type, ShipSecJson.Options),
            CreatedAt = now,
        };
    }

    /// <summary>The message a row carries, with its type for publishing.</summary>
    public static (object Message, Type Type) FromRecord(string messageType, string body)
    {
        var type = Types.TryGetValue(messageType, out var known)
            ? known
            : throw new InvalidOperationException($"Outbox message type '{messageType}' is unknown to this build.");
        return (JsonSerializer.Deserialize(body, type, ShipSecJson.Options)!, type);
    }
}
