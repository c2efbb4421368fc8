namespace ShipSec.Runtime.Persistence;

/// <summary>A bus message committed together with the state change that caused it, waiting for the outbox relay to publish it.</summary>
public sealed class OutboxMessageRecord
{
    /// <summary>Commit order; the relay publishes in this order.</summary>
    public long Id { get; set; }
    /// <summary>The message's CLR type name (see <c>OutboxMessages</c>).</summary>
    public string MessageType { get; set; } = "";
    /// <summary>The message in contract JSON.</summary>
    public string Body { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
