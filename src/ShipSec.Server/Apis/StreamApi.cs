using System.Globalization;
using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using ShipSec.Contracts.Json;
using ShipSec.Runtime.Errors;
using ShipSec.Runtime.Runs;
using ShipSec.Runtime.Tracing;

namespace ShipSec.Server.Apis;

/// <summary>
/// <c>GET /workflows/runs/{runId}/stream</c>: a run live as Server-Sent Events. <c>trace</c> carries a batch
/// <c>{events, cursor}</c> with <c>id:</c> = the batch's last sequence; <c>status</c> carries the run-status document when it
/// changes; <c>complete</c> <c>{runId, status}</c> ends the stream once the terminal WORKFLOW_STATUS event was sent. Without a
/// cursor the stream starts at the first event; <c>Last-Event-ID</c> (which wins) or <c>?cursor=N</c> resume after sequence N.
/// Idle streams get <c>: keepalive</c> comments. Messages wait for the client in a bounded buffer; a client that leaves it full for
/// longer than the slow-client timeout has its stream ended after the last whole message, and resumes with its cursor.
/// </summary>
public static partial class StreamApi
{
    private static readonly byte[] KeepAliveFrame = ": keepalive\n\n"u8.ToArray();

    public static RouteGroupBuilder MapStreamApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/workflows/runs").WithTags("Runs");
        group.MapGet("/{runId}/stream", StreamAsync)
            .WithName("streamRun")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static async Task StreamAsync(HttpContext http, string runId, string? cursor, RunQueries queries, RunTraceFeed feed,
        IOptions<TraceOptions> options, TraceMetrics metrics, ILoggerFactory loggers)
    {
        var aborted = http.RequestAborted;
        long after;
        try
        {
            after = StartCursor(http.Request.Headers["Last-Event-ID"].ToString(), cursor);
            await queries.StatusAsync(runId, aborted);
        }
        catch (Exception e) when (e is InvalidRequestException or NotFoundException)
        {
            // Written here rather than by the exception handler, which answers only clients that accept JSON (EventSource accepts text/event-stream).
            await Problem(e).ExecuteAsync(http);
            return;
        }

        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(aborted);

        var settings = options.Value.Stream;
        var frames = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(settings.MaxBufferedBatches)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = true,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var writing = WriteFramesAsync(response, frames.Reader, settings.KeepAlive, stop);
        var cutOff = false;
        try
        {
            await foreach (var item in feed.FollowAsync(runId, after, stop.Token))
            {
                if (await QueueAsync(frames.Writer, Frame(item), settings.SlowClientTimeout, stop.Token)) continue;
                cutOff = true;
                metrics.StreamsCutOff.Add(1);
                LogSlowClient(loggers.CreateLogger(typeof(StreamApi)), runId, settings.MaxBufferedBatches, (long)settings.SlowClientTimeout.TotalMilliseconds);
                break;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The client went away, or the writer stopped.
        }
        finally
        {
            // A cut-off client gets nothing more than the message being written: it then has whole messages only, and resumes
            // after the last one. Cancelling that write instead would make the server abort the connection.
            if (cutOff)
            {
                while (frames.Reader.TryRead(out _))
                {
                }
            }
            frames.Writer.TryComplete();
            await writing;
        }
    }

    private static IResult Problem(Exception e) => e switch
    {
        InvalidRequestException invalid => TypedResults.Problem(invalid.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request",
            extensions: new Dictionary<string, object?> { ["parameter"] = invalid.Parameter }),
        _ => TypedResults.Problem(e.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found"),
    };

    /// <summary>Where the stream starts: after <c>Last-Event-ID</c> when the client sent one, else after <c>?cursor</c>, else from the first event.</summary>
    private static long StartCursor(string lastEventId, string? cursor)
    {
        if (!string.IsNullOrEmpty(lastEventId)) return Parse("Last-Event-ID", lastEventId);
        return string.IsNullOrEmpty(cursor) ? 0 : Parse("cursor", cursor);

        static long Parse(string name, string value) =>
            long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
                ? sequence
                : throw new InvalidRequestException(name,
                    $"{name} must be a trace sequence number (0 or more) to resume after; got '{value}'.");
    }

    /// <summary>False when the buffer stayed full for <paramref name="patience"/>: the client is not keeping up.</summary>
    private static async Task<bool> QueueAsync(ChannelWriter<byte[]> frames, byte[] frame, TimeSpan patience, CancellationToken cancellationToken)
    {
        if (frames.TryWrite(frame)) return true;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(patience);
        try
        {
            await frames.WriteAsync(frame, timeout.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Writes queued messages as they come and a keep-alive comment when idle; ends the stream on any failure or when <paramref name="stop"/> fires.</summary>
    private static async Task WriteFramesAsync(HttpResponse response, ChannelReader<byte[]> frames, TimeSpan keepAlive, CancellationTokenSource stop)
    {
        var body = response.BodyWriter;
        var cancellationToken = stop.Token;
        try
        {
            Task<bool>? ready = null;
            while (true)
            {
                ready ??= frames.WaitToReadAsync(cancellationToken).AsTask();
                try
                {
                    if (!await ready.WaitAsync(keepAlive, cancellationToken)) return;
                }
                catch (TimeoutException)
                {
                    await body.WriteAsync(KeepAliveFrame, cancellationToken);
                    continue;
                }
                ready = null;
                while (frames.TryRead(out var frame)) body.Write<byte>(frame);
                await body.FlushAsync(cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // Cut off, or the connection is gone: nothing more to write.
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    private static byte[] Frame(RunFeedItem item) => item switch
    {
        RunFeedItem.TraceBatch t => Frame("trace", t.Cursor, JsonSerializer.Serialize(new { events = t.Events, cursor = t.Cursor }, ShipSecJson.Options)),
        RunFeedItem.StatusChanged s => Frame("status", null, JsonSerializer.Serialize(s.Run, ShipSecJson.Options)),
        RunFeedItem.Completed c => Frame("complete", null, JsonSerializer.Serialize(new { runId = c.RunId, status = c.Status }, ShipSecJson.Options)),
        _ => throw new ArgumentOutOfRangeException(nameof(item), item, "Unknown feed item."),
    };

    /// <summary>One message; JSON has no raw line breaks, so the data fits one <c>data:</c> line. Messages without <c>id:</c> leave the client's last id alone.</summary>
    private static byte[] Frame(string eventName, long? id, string json)
    {
        var text = new StringBuilder(json.Length + 48);
        if (id is { } sequence) text.Append("id: ").Append(sequence.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("event: ").Append(eventName).Append('\n');
        text.Append("data: ").Append(json).Append("\n\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Stream of run {RunId} ended: the client left {Buffered} messages unread for {TimeoutMs} ms; it can resume with its last event id")]
    private static partial void LogSlowClient(ILogger logger, string runId, int buffered, long timeoutMs);
}
