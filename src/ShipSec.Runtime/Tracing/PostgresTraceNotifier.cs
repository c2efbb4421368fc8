using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using Polly.Retry;
using ShipSec.Runtime.Persistence.Postgres;

namespace ShipSec.Runtime.Tracing;

/// <summary>
/// <see cref="ITraceNotifier"/> for processes that share a PostgreSQL database: every batch the trace store commits notifies
/// <see cref="PostgresTraceStore.NotifyChannel"/> inside its transaction, and this service keeps one connection that
/// <c>LISTEN</c>s on it and wakes the live views of this process, whichever process collected the events. It reconnects with
/// back-off when the connection breaks, and wakes every view once it listens again, since notifications sent meanwhile are lost.
/// Signals from a collector in this same process also go straight to its views, without the round trip through the database.
/// </summary>
public sealed partial class PostgresTraceNotifier : BackgroundService, ITraceNotifier
{
    private readonly InProcessTraceNotifier _local = new();
    private readonly string _connectionString;
    private readonly ILogger<PostgresTraceNotifier> _logger;
    private readonly ResiliencePipeline _reconnect;
    private volatile bool _listening;

    public PostgresTraceNotifier(string connectionString, ILogger<PostgresTraceNotifier> logger, TimeProvider clock)
    {
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // A connection of its own for as long as the process lives: never pooled, and kept alive so a dead server or
            // a dropped connection surfaces as an error of WaitAsync instead of an endless silent wait.
            Pooling = false,
            KeepAlive = 15,
            ApplicationName = "shipsec-trace-listener",
        }.ToString();
        _logger = logger;
        _reconnect = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(15),
                UseJitter = true,
                OnRetry = args =>
                {
                    _listening = false;
                    LogListenFailed(args.Outcome.Exception!, args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>Whether the listening connection is established (views are woken by notifications, not only by their poll).</summary>
    public bool Listening => _listening;

    public ValueTask StoredAsync(string runId, long lastSequence, CancellationToken cancellationToken) =>
        _local.StoredAsync(runId, lastSequence, cancellationToken);

    public IDisposable Subscribe(string runId, Action<long> onStored) => _local.Subscribe(runId, onStored);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _reconnect.ExecuteAsync(ListenAsync, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Listens until the connection fails (throws) or the service stops.</summary>
    private async ValueTask ListenAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        connection.Notification += (_, e) => Dispatch(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {PostgresTraceStore.NotifyChannel}", connection))
            await listen.ExecuteNonQueryAsync(cancellationToken);

        if (!_listening) LogListening();
        _listening = true;
        // Whatever was stored before this connection listened may never be announced; every view reads its store once more.
        _local.WakeAll();
        while (true) await connection.WaitAsync(cancellationToken);
    }

    private void Dispatch(string payload)
    {
        // "{runId} {lastSequence}", written by PostgresTraceStore.
        var space = payload.LastIndexOf(' ');
        if (space <= 0 || !long.TryParse(payload.AsSpan(space + 1), out var lastSequence))
        {
            LogBadPayload(payload);
            return;
        }
        _local.Signal(payload[..space], lastSequence);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for trace notifications from PostgreSQL")]
    private partial void LogListening();

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Listening for trace notifications failed; live streams fall back to polling until it reconnects in {DelayMs:F0} ms")]
    private partial void LogListenFailed(Exception exception, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a trace notification with an unexpected payload: {Payload}")]
    private partial void LogBadPayload(string payload);
}
