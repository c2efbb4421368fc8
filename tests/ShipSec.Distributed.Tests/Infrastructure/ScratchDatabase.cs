using Npgsql;

namespace ShipSec.Distributed.Tests.Infrastructure;

/// <summary>An empty PostgreSQL database of its own for one test or fixture, created from the run's database and dropped on dispose.</summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private const int MaxNameLength = 63;

    private readonly string _admin;

    private ScratchDatabase(string admin, string name, string connectionString)
    {
        _admin = admin;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>Npgsql connection string of the new database.</summary>
    public string ConnectionString { get; }

    public static async Task<ScratchDatabase> CreateAsync(string purpose)
    {
        var admin = TestServices.Postgres;
        var builder = new NpgsqlConnectionStringBuilder(admin);
        var name = $"{builder.Database}_{purpose}_{Guid.NewGuid():N}".ToLowerInvariant();
        if (name.Length > MaxNameLength) name = name[..MaxNameLength];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        builder.Database = name;
        builder.MaxPoolSize = 200;
        return new ScratchDatabase(admin, name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
