using System.Text;
using System.Text.Json;
using NUnit.Framework;
using ShipSec.Contracts.Json;
using ShipSec.Contracts.Trace;
using ShipSec.Runtime.Messages;
using ShipSec.Runtime.Persistence;

namespace ShipSec.Trace.Tests.Collector;

/// <summary>How the collector reads a batch without deserialising it: the column fields, and each event's JSON with its sequence written in.</summary>
public sealed class IncomingTraceEventTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 8, 30, 15, 123, TimeSpan.FromHours(2));

    private static IEnumerable<TraceEvent> Events()
    {
        yield return new TraceEvent
        {
            Id = "run-1:1", RunId = "run-1", WorkflowId = "wf", NodeId = "scan", Type = TraceEventType.NodeLog, Timestamp = At,
            Message = "open 443/tcp — “https” <é> \"quoted\" \\ back",
        };
        yield return new TraceEvent
        {
            Id = "run-1:2", RunId = "run-1", WorkflowId = "wf", NodeId = null, Type = TraceEventType.WorkflowStatus, Timestamp = At,
            Data = JsonDocument.Parse("""{"status":"RUNNING","nested":{"sequence":99,"list":[1,{"id":"not-this"}]}}""").RootElement,
        };
        yield return new TraceEvent
        {
            Id = "run-2:1", RunId = "run-2", WorkflowId = "wf", NodeId = "probe", Type = TraceEventType.NodeProgress, Timestamp = At,
            Attempt = 2, Level = TraceLevel.Warn, Sequence = 7,
            Data = JsonDocument.Parse("""{"completed":89,"total":127}""").RootElement,
        };
    }

    [Test]
    public void Reading_a_batch_gives_each_events_column_fields()
    {
        var events = Events().ToList();

        var incoming = IncomingTraceEvent.ReadBatch(new TraceEventBatch(events).EventsJson);

        Assert.That(incoming.Select(e => (e.Id, e.RunId, e.NodeId, e.Type, e.Timestamp)), Is.EqualTo(events.Select(e =>
            (e.Id, e.RunId, e.NodeId, TracePages.TypeName(e.Type), e.Timestamp))));
    }

    [TestCase(1L)]
    [TestCase(10L)]
    [TestCase(9_876_543_210L)]
    public void The_stored_json_is_what_serialising_the_event_with_its_sequence_gives(long sequence)
    {
        var events = Events().ToList();

        var incoming = IncomingTraceEvent.ReadBatch(new TraceEventBatch(events).EventsJson);

        Assert.That(incoming.Select(e => e.JsonWithSequence(sequence)),
            Is.EqualTo(events.Select(e => JsonSerializer.Serialize(e with { Sequence = sequence }, ShipSecJson.Options))));
    }

    [Test]
    public void An_event_whose_json_has_no_sequence_gets_one()
    {
        var json = """[{"id":"e1","runId":"r","workflowId":"wf","type":"NODE_LOG","timestamp":"2026-11-26T08:00:00Z","message":"hi"}]""";

        var stored = IncomingTraceEvent.ReadBatch(Encoding.UTF8.GetBytes(json)).Single().JsonWithSequence(42);

        var read = JsonSerializer.Deserialize<TraceEvent>(stored, ShipSecJson.Options)!;
        Assert.That((read.Id, read.Sequence, read.Message), Is.EqualTo(("e1", 42L, "hi")));
    }

    [TestCase("""{"id":"e1"}""", "JSON array")]
    [TestCase("""[{"runId":"r","type":"NODE_LOG","timestamp":"2026-11-26T08:00:00Z"}]""", "no id")]
    [TestCase("""[{"id":"e1","type":"NODE_LOG","timestamp":"2026-11-26T08:00:00Z"}]""", "no runId")]
    [TestCase("""[{"id":"e1","runId":"r","type":"NODE_WHATEVER","timestamp":"2026-11-26T08:00:00Z"}]""", "no known type")]
    [TestCase("""[{"id":"e1","runId":"r","type":"NODE_LOG","timestamp":"yesterday"}]""", "timestamp")]
    [TestCase("""[{"id":"e1","runId":"r","type":"NODE_LOG","timestamp":"2026-11-26T08:00:00Z","sequence":"1"}]""", "sequence")]
    [TestCase("""[{"id":"e1","runId":"r",""", "well-formed")]
    [TestCase("""[42]""", "not a JSON object")]
    public void A_malformed_batch_is_rejected_naming_the_problem(string json, string problem)
    {
        var error = Assert.Throws<InvalidDataException>(() => IncomingTraceEvent.ReadBatch(Encoding.UTF8.GetBytes(json)));

        Assert.That(error!.Message, Does.Contain(problem));
    }
}
