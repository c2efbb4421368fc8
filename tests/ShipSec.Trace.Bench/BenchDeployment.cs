using Microsoft.Data.Sqlite;

namespace ShipSec.Trace.Bench;

/// <summary>
/// What the servers of one measurement share, made fresh for it and removed on dispose: a data folder and, on the PostgreSQL
/// profile, a database (migrated by the first server that starts) and a RabbitMQ vhost of their own.
/// </summary>
public sealed class BenchDeployment : IAsyncDisposable
{
    private readonly string _dataPath;
    private readonly Uri? _vhost;

    private BenchDeployment(BenchProfile profile, string dataPath, string? postgres, Uri? vhost)
    {
        Profile = profile;
        _dataPath = dataPath;
        Postgres = postgres;
        _vhost = vhost;
        var settings = new Dictionary<string, string> { ["ShipSec:DataPath"] = dataPath };
        if (postgres is not null && vhost is not null)
        {
            settings["ShipSec:Database:Provider"] = "Postgres";
            settings["ConnectionStrings:ShipSec"] = postgres;
            settings["ShipSec:Bus:Transport"] = "RabbitMq";
            settings["ShipSec:Bus:RabbitMq"] = vhost.ToString();
        }
        Settings = settings;
    }

    public BenchProfile Profile { get; }

    /// <summary>Connection string of the deployment's PostgreSQL database; null on the embedded profile.</summary>
    public string? Postgres { get; }

    /// <summary>Configuration every server of the deployment gets (data folder, database, transport).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    public static async Task<BenchDeployment> CreateAsync(BenchProfile profile)
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "shipsec-trace-bench", Guid.NewGuid().ToString("N"));
        if (profile == BenchProfile.Embedded) return new BenchDeployment(profile, dataPath, null, null);

        var postgres = await ProductionServices.CreateDatabaseAsync("tracebench");
        try
        {
            return new BenchDeployment(profile, dataPath, postgres, await ProductionServices.AddVhostAsync("tracebench"));
        }
        catch
        {
            await ProductionServices.DropDatabaseAsync(postgres);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            if (Postgres is not null) await ProductionServices.DropDatabaseAsync(Postgres);
        }
        finally
        {
            if (_vhost is not null) await ProductionServices.DeleteVhostAsync(_vhost);
            if (Directory.Exists(_dataPath)) Directory.Delete(_dataPath, recursive: true);
        }
    }
}
