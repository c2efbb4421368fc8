using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ShipSec.Activities.Core;
using ShipSec.Activities.Testing;
using ShipSec.Runtime;
using ShipSec.Server;

namespace ShipSec.Trace.Bench;

/// <summary>The whole server in this process on the embedded profile (SQLite file, in-memory bus), listening on 127.0.0.1, on a fresh temporary data folder.</summary>
public sealed class BenchServer(WebApplication app, string dataPath) : IAsyncDisposable
{
    public IServiceProvider Services => app.Services;

    /// <summary>The listening address, e.g. <c>http://127.0.0.1:43127</c>.</summary>
    public Uri Address => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<BenchServer> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "shipsec-trace-bench", Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:0"]);
        // Back-pressure warnings are expected here; the tables report the waits.
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Error);
        builder.Configuration["ShipSec:DataPath"] = dataPath;
        foreach (var (key, value) in settings) builder.Configuration[key] = value;
        builder.AddShipSecRuntime();
        builder.AddShipSecApi();
        builder.Services.AddCoreModules().AddTestModules();
        var app = builder.Build();
        app.MapShipSecApi();
        await app.StartAsync();
        return new BenchServer(app, dataPath);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(dataPath)) Directory.Delete(dataPath, recursive: true);
    }
}
