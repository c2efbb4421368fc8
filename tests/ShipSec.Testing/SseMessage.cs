using System.Text.Json.Nodes;

namespace ShipSec.Testing;

/// <summary>One Server-Sent Events message as the client saw it: <see cref="Event"/> is null for a comment line (<see cref="Comment"/>).</summary>
public sealed record SseMessage(string? Id, string? Event, string? Data, string? Comment = null)
{
    public JsonNode Json => JsonNode.Parse(Data ?? throw new InvalidOperationException($"Message '{Event}' has no data."))!;
}
