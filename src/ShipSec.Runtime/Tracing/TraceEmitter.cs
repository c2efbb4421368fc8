using System.Threading.Channels;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShipSec.Contracts.Trace;
using ShipSec.Flowchart.Pipeline;
using ShipSec.Runtime.Messages;

namespace ShipSec.Runtime.Tracing;

/// <summary>
/// Buffers the trace events this process emits and sends them to the collector as <see cref="TraceEventBatch"/> requests. A batch
/// leaves when it is full or <see cref="TraceOptions.BatchDelay"/> after its first event, and counts as delivered only once the
/// collector acknowledges it after commit; an unacknowledged batch is sent again (the collector ignores duplicate ids). Up to
/// <see cref="TraceOptions.BatchesInFlight"/> batches travel at once, each naming the last event of the one before it, so the
/// collector stores them in emission order even when the bus delivers them out of order (it defers one that overtook). The buffer
/// is bounded: when it is full, <see cref="Emit"/> waits for room — back-pressure that is counted, timed and logged. Nothing is
/// dropped; events emitted after shutdown are reported as lost.
/// </summary>
public sealed partial class TraceEmitter : IExecutionLog, IHostedService
{
    private static readonly TimeSpan PressureLogInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FirstResendDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxResendDelay = TimeSpan.FromSeconds(5);

    private readonly IBus _bus;
    private readonly TraceOptions _options;
    private readonly TraceMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly ILogger<TraceEmitter> _logger;
    private readonly Channel<TraceEvent> _buffer;
    private readonly Lock _gate = new();
    private readonly List<(long Target, TaskCompletionSource Done)> _flushes = [];
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _flushRequested = NewSignal();
    private Task _pump = Task.CompletedTask;
    private long _emitted;
    private long _stored;
    private long _waits;
    private long _waitedTicks;
    private long _pressureLoggedAt;
    private long _lost;

    public TraceEmitter(IBus bus, IOptions<TraceOptions> options, TraceMetrics metrics, TimeProvider clock, ILogger<TraceEmitter> logger)
    {
        _bus = bus;
        _options = options.Value;
        _metrics = metrics;
        _clock = clock;
        _logger = logger;
        _buffer = Channel.CreateBounded<TraceEvent>(new BoundedChannelOptions(_options.EmitterCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _pressureLoggedAt = -PressureLogInterval.Ticks;
        metrics.ObserveEmitterBuffer(() => Interlocked.Read(ref _emitted) - Stored);
    }

    /// <summary>How often and how long emits have waited for room in the buffer since the process started.</summary>
    public TraceEmitterPressure Pressure => new(Interlocked.Read(ref _waits), TimeSpan.FromTicks(Interlocked.Read(ref _waitedTicks)));

    private long Stored
    {
        get
        {
            lock (_gate) return _stored;
        }
    }

    /// <summary>Queues one event; waits (blocking the caller) while the buffer is full.</summary>
    public void Emit(TraceEvent traceEvent)
    {
        // Counted before it is queued, so a flush that starts after this call returns also waits for this event.
        Interlocked.Increment(ref _emitted);
        if (_buffer.Writer.TryWrite(traceEvent)) return;

        var waitStarted = _clock.GetTimestamp();
        try
        {
            _buffer.Writer.WriteAsync(traceEvent).AsTask().GetAwaiter().GetResult();
        }
        catch (ChannelClosedException)
        {
            if (Interlocked.Increment(ref _lost) == 1) LogEmittedAfterStop(traceEvent.Id, traceEvent.RunId);
            return;
        }
        RecordWait(_clock.GetElapsedTime(waitStarted));
    }

    /// <summary>The pipeline's execution log: same as <see cref="Emit"/>.</summary>
    public void Append(TraceEvent traceEvent) => Emit(traceEvent);

    /// <summary>Completes once every event emitted before this call is stored (acknowledged by the collector).</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var target = Interlocked.Read(ref _emitted);
        TaskCompletionSource done;
        lock (_gate)
        {
            if (_stored >= target) return Task.CompletedTask;
            done = NewSignal();
            _flushes.Add((target, done));
            _flushRequested.TrySetResult();
        }
        return done.Task.WaitAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _pump = Task.Run(() => PumpAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Stopped before the bus: takes no more events, sends what is buffered, and reports what could not be stored in time.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _buffer.Writer.TryComplete();
        try
        {
            await _pump.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await _stopping.CancelAsync();
            await _pump;
        }
        var unsent = Interlocked.Read(ref _emitted) - Stored - Interlocked.Read(ref _lost);
        if (unsent > 0) LogUnsentAtStop(unsent);
        lock (_gate)
        {
            foreach (var (_, done) in _flushes)
                done.TrySetException(new InvalidOperationException($"The trace emitter stopped with {unsent} events not stored."));
            _flushes.Clear();
        }
    }

    private async Task PumpAsync(CancellationToken stopping)
    {
        var client = _bus.CreateRequestClient<TraceEventBatch>(RequestTimeout.After(ms: (int)_options.AckTimeout.TotalMilliseconds));
        var inFlight = new Queue<InFlightBatch>();
        string? lastSentId = null;
        try
        {
            while (true)
            {
                // Acknowledgements are taken in send order, so "stored" always covers a prefix of what was emitted.
                if (inFlight.Count > 0 && (inFlight.Count >= _options.BatchesInFlight || !_buffer.Reader.TryPeek(out _)))
                {
                    var head = inFlight.Peek();
                    if (await head.Sending)
                    {
                        inFlight.Dequeue();
                        Acknowledge(head.Count);
                        continue;
                    }
                    // It overtook its predecessor and was not stored. Every earlier batch is acknowledged by now, so it is sent
                    // again without a condition; batches behind it that name it wait for it the same way.
                    LogDeferred(head.Count);
                    head.Message = head.Message with { After = null };
                    head.Sending = SendAsync(client, head.Message, head.Count, stopping);
                    continue;
                }
                if (!await _buffer.Reader.WaitToReadAsync(stopping)) return;
                var batch = await TakeBatchAsync(stopping);
                var message = new TraceEventBatch(batch, after: inFlight.Count > 0 ? lastSentId : null);
                lastSentId = batch[^1].Id;
                inFlight.Enqueue(new InFlightBatch(message, batch.Count, SendAsync(client, message, batch.Count, stopping)));
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task<List<TraceEvent>> TakeBatchAsync(CancellationToken stopping)
    {
        var batch = new List<TraceEvent>(Math.Min(_options.MaxBatchSize, _buffer.Reader.Count));
        Drain(batch);
        if (batch.Count < _options.MaxBatchSize && _options.BatchDelay > TimeSpan.Zero && LingerSignal() is { } flushRequested)
        {
            await Task.WhenAny(Task.Delay(_options.BatchDelay, _clock, stopping), flushRequested);
            Drain(batch);
        }
        return batch;
    }

    private void Drain(List<TraceEvent> batch)
    {
        while (batch.Count < _options.MaxBatchSize && _buffer.Reader.TryRead(out var traceEvent)) batch.Add(traceEvent);
    }

    /// <summary>Null when a flush is waiting (send at once); otherwise a task that completes when one starts.</summary>
    private Task? LingerSignal()
    {
        lock (_gate)
        {
            if (_flushes.Count > 0) return null;
            if (_flushRequested.Task.IsCompleted) _flushRequested = NewSignal();
            return _flushRequested.Task;
        }
    }

    /// <summary>Sends until the collector answers: true once the batch is stored, false when it was deferred (it overtook its predecessor).</summary>
    private async Task<bool> SendAsync(IRequestClient<TraceEventBatch> client, TraceEventBatch message, int count, CancellationToken stopping)
    {
        var delay = FirstResendDelay;
        while (true)
        {
            try
            {
                var response = await client.GetResponse<TraceBatchStored, TraceBatchDeferred>(message, stopping);
                return response.Is(out Response<TraceBatchStored>? _);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                _metrics.BatchesResent.Add(1);
                LogResend(e, count, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, _clock, stopping);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxResendDelay.Ticks));
            }
        }
    }

    private void Acknowledge(int count)
    {
        lock (_gate)
        {
            _stored += count;
            for (var i = _flushes.Count - 1; i >= 0; i--)
            {
                if (_flushes[i].Target > _stored) continue;
                _flushes[i].Done.TrySetResult();
                _flushes.RemoveAt(i);
            }
        }
    }

    /// <summary>A batch sent and not yet acknowledged: its message (sent again if deferred), its size and the send in progress.</summary>
    private sealed class InFlightBatch(TraceEventBatch message, int count, Task<bool> sending)
    {
        public TraceEventBatch Message { get; set; } = message;
        public int Count { get; } = count;
        public Task<bool> Sending { get; set; } = sending;
    }

    private void RecordWait(TimeSpan waited)
    {
        var waits = Interlocked.Increment(ref _waits);
        var total = Interlocked.Add(ref _waitedTicks, waited.Ticks);
        _metrics.EmitterBlocked.Add(1);
        _metrics.EmitterBlockedDuration.Record(waited.TotalMilliseconds);

        var now = _clock.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _pressureLoggedAt);
        if (now - last >= PressureLogInterval.Ticks && Interlocked.CompareExchange(ref _pressureLoggedAt, now, last) == last)
            LogBackPressure(_options.EmitterCapacity, waits, (long)TimeSpan.FromTicks(total).TotalMilliseconds);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Trace buffer full ({Capacity} events): emitters have waited {Waits} times, {WaitedMs} ms in total, for the collector")]
    private partial void LogBackPressure(int capacity, long waits, long waitedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} trace events was not acknowledged; sending it again in {DelayMs} ms")]
    private partial void LogResend(Exception exception, int count, long delayMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A batch of {Count} trace events reached the collector before the batch it follows; sending it again")]
    private partial void LogDeferred(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} trace events were still unsent when the trace emitter stopped; they are lost")]
    private partial void LogUnsentAtStop(long count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Trace event {EventId} of run {RunId} was emitted after the trace emitter stopped; it and any later ones are lost")]
    private partial void LogEmittedAfterStop(string eventId, string runId);
}

/// <summary>Back-pressure seen by a <see cref="TraceEmitter"/>: how many emits waited for room, and for how long in total.</summary>
public sealed record TraceEmitterPressure(long Waits, TimeSpan WaitedFor);
