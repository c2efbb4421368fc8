using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using NUnit.Framework;

namespace ShipSec.Trace.Tests.Infrastructure;

/// <summary>One Server-Sent Events message as the client saw it: <see cref="Event"/> is null for a comment line (<see cref="Comment"/>).</summary>
public sealed record SseMessage(string? Id, string? Event, string? Data, string? Comment = null)
{
    public JsonNode Json => JsonNode.Parse(Data ?? throw new InvalidOperationException($"Message '{Event}' has no data."))!;
}

/// <summary>
/// A minimal SSE reader over a streaming HTTP response: splits the body into messages at blank lines and keeps the
/// <c>id:</c>, <c>event:</c>, <c>data:</c> fields and <c>:</c> comments, as the EventSource specification parses them.
/// </summary>
public sealed class SseClient : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseClient(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reader = new StreamReader(body, Encoding.UTF8);
    }

    public HttpResponseMessage Response => _response;

    /// <summary>Opens <paramref name="path"/> and returns once the response headers arrived (asserts 200 and <c>text/event-stream</c>).</summary>
    public static async Task<SseClient> ConnectAsync(HttpClient http, string path, string? lastEventId = null)
    {
        var response = await SendAsync(http, path, lastEventId);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), () => $"GET {path}: {response.Content.ReadAsStringAsync().Result}");
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        return new SseClient(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>Sends the stream request without reading the body; for error answers.</summary>
    public static Task<HttpResponseMessage> SendAsync(HttpClient http, string path, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        return http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>The next message or comment; null at the end of the stream. Fails after <see cref="TraceApi.Patience"/>.</summary>
    public async Task<SseMessage?> ReadAsync()
    {
        using var timeout = new CancellationTokenSource(TraceApi.Patience);
        string? id = null, name = null, comment = null;
        StringBuilder? data = null;
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"No complete SSE message within {TraceApi.Patience}.");
                throw;
            }
            if (line is null) return null;
            if (line.Length == 0)
            {
                if (name is null && data is null && id is null && comment is null) continue;
                return new SseMessage(id, name ?? (comment is null ? "message" : null), data?.ToString(), comment);
            }
            if (line.StartsWith(':'))
            {
                comment = line[1..].TrimStart();
                continue;
            }
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' ')) value = value[1..];
            switch (field)
            {
                case "id": id = value; break;
                case "event": name = value; break;
                case "data":
                    if (data is null) data = new StringBuilder(value);
                    else data.Append('\n').Append(value);
                    break;
            }
        }
    }

    /// <summary>Reads messages (skipping comments) until <paramref name="stop"/> holds for one or the stream ends; returns all read.</summary>
    public async Task<List<SseMessage>> ReadUntilAsync(Func<SseMessage, bool> stop)
    {
        var messages = new List<SseMessage>();
        while (await ReadAsync() is { } message)
        {
            if (message.Event is null) continue;
            messages.Add(message);
            if (stop(message)) break;
        }
        return messages;
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
