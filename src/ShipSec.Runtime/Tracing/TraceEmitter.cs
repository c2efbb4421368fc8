using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.Pipeline;
using ShipSec.Runtime.Messages;

namespace ShipSec.Runtime.Tracing;

/// <summary>
/// Buffers the trace events this process emits and publishes them as <see cref="TraceEventBatch"/> messages:
/// a batch leaves when it is full or shortly after its first event; <see cref="FlushAsync"/> sends everything
/// emitted so far, so a caller can make sure its events are on the way before it reports a result.
/// Batches are published one at a time, in emission order.
/// </summary>
public sealed partial class TraceEmitter(IBus bus, ILogger<TraceEmitter> logger) : IExecutionLog, IHostedService
{
    /// <summary>Largest number of events in one message.</summary>
    public const int MaxBatchSize = 500;

    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(5);

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _publishing = new(1, 1);
    private List<TraceEvent> _buffer = [];
    private bool _flushScheduled;

    /// <summary>Queues one event; never blocks on the bus.</summary>
    public void Emit(TraceEvent traceEvent)
    {
        bool full, schedule;
        lock (_gate)
        {
            _buffer.Add(traceEvent);
            full = _buffer.Count >= MaxBatchSize;
            schedule = !full && !_flushScheduled;
            _flushScheduled |= schedule;
        }
        if (full) _ = FlushInBackgroundAsync(TimeSpan.Zero);
        else if (schedule) _ = FlushInBackgroundAsync(Linger);
    }

    /// <summary>The pipeline's execution log: same as <see cref="Emit"/>.</summary>
    public void Append(TraceEvent traceEvent) => Emit(traceEvent);

    /// <summary>Publishes every event emitted before this call.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _publishing.WaitAsync(cancellationToken);
        try
        {
            while (TakeBatch() is { } batch)
            {
                try
                {
                    await bus.Publish(new TraceEventBatch(batch), cancellationToken);
                }
                catch
                {
                    PutBack(batch);
                    throw;
                }
            }
        }
        finally
        {
            _publishing.Release();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stopped before the bus, so nothing buffered is lost on a clean shutdown.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => FlushAsync(cancellationToken);

    private List<TraceEvent>? TakeBatch()
    {
        lock (_gate)
        {
            if (_buffer.Count == 0)
            {
                _flushScheduled = false;
                return null;
            }
            if (_buffer.Count <= MaxBatchSize)
            {
                var all = _buffer;
                _buffer = [];
                return all;
            }
            var batch = _buffer.GetRange(0, MaxBatchSize);
            _buffer.RemoveRange(0, MaxBatchSize);
            return batch;
        }
    }

    private void PutBack(List<TraceEvent> batch)
    {
        lock (_gate) _buffer.InsertRange(0, batch);
    }

    private async Task FlushInBackgroundAsync(TimeSpan delay)
    {
        try
        {
            if (delay > TimeSpan.Zero) await Task.Delay(delay);
            await FlushAsync();
        }
        catch (Exception e)
        {
            LogFlushFailed(e);
            lock (_gate) _flushScheduled = false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing trace events failed; they stay buffered for the next flush")]
    private partial void LogFlushFailed(Exception exception);
}
