using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShipSec.Runtime.Configuration;
using ShipSec.Runtime.Persistence.Postgres;
using ShipSec.Runtime.Persistence.Sqlite;

namespace ShipSec.Runtime.Persistence;

/// <summary>Registers the database for the configured provider, its stores and the startup migration.</summary>
public static class PersistenceExtensions
{
    public const string ConnectionStringName = "ShipSec";

    public static IServiceCollection AddShipSecPersistence(this IServiceCollection services, ShipSecOptions options, IConfiguration configuration)
    {
        switch (options.Database.Provider)
        {
            case DatabaseProvider.Sqlite:
                var connectionString = SqliteConnectionString(options, configuration.GetConnectionString(ConnectionStringName));
                services.AddDbContext<ShipSecDbContext, SqliteShipSecDbContext>(db => db.UseSqlite(connectionString).AddInterceptors(new SqliteBusyTimeout()));
                services.AddScoped<ITraceStore, SqliteTraceStore>();
                break;
            case DatabaseProvider.Postgres:
                var postgres = configuration.GetConnectionString(ConnectionStringName);
                if (string.IsNullOrWhiteSpace(postgres))
                {
                    throw new RuntimeConfigurationException(
                        $"ShipSec:Database:Provider is 'Postgres' but ConnectionStrings:{ConnectionStringName} is not set; set ConnectionStrings__{ConnectionStringName} " +
                        "to a Npgsql connection string, e.g. 'Host=db;Database=shipsec;Username=shipsec;Password=...'.");
                }
                services.AddDbContext<ShipSecDbContext, PostgresShipSecDbContext>(db => db.UseNpgsql(postgres));
                services.AddScoped<ITraceStore, PostgresTraceStore>();
                break;
            default:
                throw new RuntimeConfigurationException(
                    $"ShipSec:Database:Provider '{options.Database.Provider}' is not a provider; use 'Sqlite' (the default) or 'Postgres'.");
        }

        services.AddHostedService<DatabaseMigrator>();
        services.AddSingleton<RunStateCache>();
        services.AddScoped<IRunStore, EfRunStore>();
        services.AddSingleton<ApiKeyStore>();

        return services;
    }

    /// <summary>The configured connection string, or a file <c>shipsec.db</c> inside the data folder (created if missing).</summary>
    private static string SqliteConnectionString(ShipSecOptions options, string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        Directory.CreateDirectory(options.FullDataPath);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(options.FullDataPath, "shipsec.db"),
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }
}
