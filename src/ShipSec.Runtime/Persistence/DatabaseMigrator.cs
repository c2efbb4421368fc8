using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShipSec.Runtime.Configuration;

namespace ShipSec.Runtime.Persistence;

/// <summary>Brings the database schema up to date before any other hosted service starts.</summary>
public sealed partial class DatabaseMigrator(IServiceScopeFactory scopes, IOptions<ShipSecOptions> options, ILogger<DatabaseMigrator> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();
        if (db.Database.IsSqlite())
        {
            // WAL lets the API read while the collector and orchestrator write; the mode is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (!options.Value.Database.AutoMigrate)
        {
            if (pending.Count > 0)
            {
                throw new RuntimeConfigurationException(
                    $"The {db.Database.ProviderName} database schema is behind this build: {pending.Count} migration(s) not applied " +
                    $"({string.Join(", ", pending)}). Start once with ShipSec:Database:AutoMigrate=true (ShipSec__Database__AutoMigrate=true), " +
                    "or apply them with 'dotnet ef database update'.");
            }
            LogMigrated(0, db.Database.ProviderName);
            return;
        }
        // Several processes may start together; EF Core takes a database-wide migration lock, so one applies them.
        await db.Database.MigrateAsync(cancellationToken);
        LogMigrated(pending.Count, db.Database.ProviderName);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready ({Provider}); {Count} migration(s) applied")]
    private partial void LogMigrated(int count, string? provider);
}
