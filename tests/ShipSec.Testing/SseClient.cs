using System.Net;
using System.Text;

namespace ShipSec.Testing;

/// <summary>
/// A minimal SSE reader over a streaming HTTP response: splits the body into messages at blank lines and keeps the
/// <c>id:</c>, <c>event:</c>, <c>data:</c> fields and <c>:</c> comments, as the EventSource specification parses them.
/// Failures are exceptions (<see cref="HttpRequestException"/>, <see cref="TimeoutException"/>), so any test framework reports them.
/// </summary>
public sealed class SseClient : IAsyncDisposable
{
    /// <summary>How long <see cref="ReadAsync"/> waits for the next message or comment unless told otherwise.</summary>
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(60);

    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;
    private readonly TimeSpan _patience;

    private SseClient(HttpResponseMessage response, Stream body, TimeSpan patience)
    {
        _response = response;
        _reader = new StreamReader(body, Encoding.UTF8);
        _patience = patience;
    }

    public HttpResponseMessage Response => _response;

    /// <summary>
    /// Opens <paramref name="path"/> and returns once the response headers arrived; throws unless the answer is 200 with
    /// <c>text/event-stream</c>. <paramref name="patience"/> bounds the wait for each message (default <see cref="DefaultPatience"/>).
    /// </summary>
    public static async Task<SseClient> ConnectAsync(HttpClient http, string path, string? lastEventId = null, TimeSpan? patience = null)
    {
        var response = await SendAsync(http, path, lastEventId);
        var status = response.StatusCode;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (status != HttpStatusCode.OK || mediaType != "text/event-stream")
        {
            using (response)
            {
                throw new HttpRequestException(
                    $"GET {path} answered {(int)status} {mediaType}, not 200 text/event-stream: {await response.Content.ReadAsStringAsync()}", null, status);
            }
        }
        return new SseClient(response, await response.Content.ReadAsStreamAsync(), patience ?? DefaultPatience);
    }

    /// <summary>Sends the stream request without reading the body; for error answers.</summary>
    public static Task<HttpResponseMessage> SendAsync(HttpClient http, string path, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        return http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>The next message or comment; null at the end of the stream. Throws <see cref="TimeoutException"/> when none comes within the patience.</summary>
    public async Task<SseMessage?> ReadAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_patience);
        string? id = null, name = null, comment = null;
        StringBuilder? data = null;
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"No complete SSE message within {_patience}.");
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

    /// <summary>
    /// Reads messages (skipping comments) until <paramref name="stop"/> holds for one or the stream ends; returns all read.
    /// With a <paramref name="deadline"/>, throws <see cref="TimeoutException"/> (saying how far the stream got) when the
    /// whole read takes longer, keep-alive comments or not.
    /// </summary>
    public async Task<List<SseMessage>> ReadUntilAsync(Func<SseMessage, bool> stop, TimeSpan? deadline = null)
    {
        using var overall = new CancellationTokenSource(deadline ?? Timeout.InfiniteTimeSpan);
        var messages = new List<SseMessage>();
        try
        {
            while (await ReadAsync(overall.Token) is { } message)
            {
                if (message.Event is null) continue;
                messages.Add(message);
                if (stop(message)) break;
            }
        }
        catch (OperationCanceledException) when (overall.IsCancellationRequested)
        {
            var last = messages.LastOrDefault();
            throw new TimeoutException($"The stream did not get there within {deadline}: {messages.Count} messages read, "
                + $"{messages.Events().Count} trace events, the last message '{last?.Event}' with id '{last?.Id}'.");
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
