using System.Text.Json.Nodes;

namespace ShipSec.Testing;

/// <summary>Reading what a stream delivered: the events of its <c>trace</c> messages, and their sequences.</summary>
public static class StreamedTrace
{
    /// <summary>Every event of every <c>trace</c> message, in the order received.</summary>
    public static List<JsonNode> Events(this IEnumerable<SseMessage> messages) =>
        messages.Where(m => m.Event == "trace").SelectMany(m => m.Json["events"]!.AsArray().Select(e => e!)).ToList();

    public static List<long> Sequences(this IEnumerable<JsonNode> events) => events.Select(e => (long)e["sequence"]!).ToList();

    /// <summary>Events as their exact JSON text, for comparing a stream with <c>GET …/trace</c>.</summary>
    public static List<string> Texts(this IEnumerable<JsonNode> events) => events.Select(e => e.ToJsonString()).ToList();

    /// <summary>1, 2, …, <paramref name="count"/>.</summary>
    public static List<long> OneTo(int count) => Enumerable.Range(1, count).Select(i => (long)i).ToList();
}
