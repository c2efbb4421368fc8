using System.Diagnostics;
using Npgsql;

namespace ShipSec.Trace.Bench;

/// <summary>
/// The PostgreSQL server and RabbitMQ broker the test tiers use (<c>SHIPSEC_TEST_PG</c>, <c>SHIPSEC_TEST_RABBITMQ</c>,
/// <c>SHIPSEC_TEST_RABBITMQCTL</c>), from which the PostgreSQL profile makes a database and a vhost of its own per measurement.
/// </summary>
public static class ProductionServices
{
    private const int MaxDatabaseNameLength = 63;
    private const int DropAttempts = 30;

    /// <summary>Npgsql connection string of the test run's database; its role may create databases.</summary>
    public static string Postgres => Required("SHIPSEC_TEST_PG");

    /// <summary>AMQP URI of the test run's vhost; its user gets permissions on the vhosts made here.</summary>
    public static Uri RabbitMq => new(Required("SHIPSEC_TEST_RABBITMQ"));

    private static string RabbitMqCtl => Environment.GetEnvironmentVariable("SHIPSEC_TEST_RABBITMQCTL") is { Length: > 0 } path ? path : "rabbitmqctl";

    /// <summary>Creates an empty database named after the run's and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        var builder = new NpgsqlConnectionStringBuilder(Postgres);
        var name = $"{builder.Database}_{purpose}_{Guid.NewGuid():N}".ToLowerInvariant();
        if (name.Length > MaxDatabaseNameLength) name = name[..MaxDatabaseNameLength];
        await ExecuteAsAdminAsync($"CREATE DATABASE \"{name}\"");
        builder.Database = name;
        return builder.ConnectionString;
    }

    /// <summary>Drops a database <see cref="CreateDatabaseAsync"/> made, once this process's connections to it are closed.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        // Not WITH (FORCE): that refuses to end an autovacuum worker (not our role) busy on the benchmark's rows, which a plain
        // DROP stops by itself. A connection still closing is waited for.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsAdminAsync($"DROP DATABASE IF EXISTS \"{name}\"");
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < DropAttempts)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    /// <summary>Adds a vhost named after the run's (so the services' teardown removes a leftover too) and returns its AMQP URI.</summary>
    public static async Task<Uri> AddVhostAsync(string purpose)
    {
        var run = RabbitMq;
        var user = Uri.UnescapeDataString(run.UserInfo.Split(':')[0]);
        var vhost = $"{run.AbsolutePath.Trim('/')}_{purpose}_{Guid.NewGuid():N}";
        await CtlAsync("add_vhost", vhost);
        await CtlAsync("set_permissions", "-p", vhost, user, ".*", ".*", ".*");
        return new UriBuilder(run) { Path = "/" + Uri.EscapeDataString(vhost) }.Uri;
    }

    /// <summary>Deletes a vhost <see cref="AddVhostAsync"/> made, with its queues.</summary>
    public static Task DeleteVhostAsync(Uri vhost) => CtlAsync("delete_vhost", Uri.UnescapeDataString(vhost.AbsolutePath.Trim('/')));

    private static async Task ExecuteAsAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task CtlAsync(params string[] args)
    {
        var start = new ProcessStartInfo(RabbitMqCtl) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-q");
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ERL_EPMD_ADDRESS"] = "127.0.0.1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', args)} failed ({process.ExitCode}): {await output} {await error}");
    }

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set; the postgres profile needs the test services: `source scripts/services.sh && services_up` first.");
}
