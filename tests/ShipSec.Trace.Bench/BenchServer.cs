using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ShipSec.Activities.Core;
using ShipSec.Activities.Testing;
using ShipSec.Runtime;
using ShipSec.Server;

namespace ShipSec.Trace.Bench;

/// <summary>
/// The whole server in this process, in one role, on a <see cref="BenchDeployment"/> (so several servers can share a database and
/// a bus), listening on 127.0.0.1.
/// </summary>
public sealed class BenchServer(WebApplication app) : IAsyncDisposable
{
    public IServiceProvider Services => app.Services;

    /// <summary>The listening address, e.g. <c>http://127.0.0.1:43127</c>.</summary>
    public Uri Address => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>
    /// Starts a server in <paramref name="role"/> with the deployment's settings and then <paramref name="settings"/>;
    /// <paramref name="replace"/> may register services in place of the runtime's.
    /// </summary>
    public static async Task<BenchServer> StartAsync(BenchDeployment deployment, IReadOnlyDictionary<string, string> settings, string role = "all",
        Action<IServiceCollection>? replace = null)
    {
        var builder = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:0", "--role", role]);
        // Back-pressure warnings are expected here; the tables report the waits.
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Error);
        // EF Core logs the migrator's first look at a fresh PostgreSQL database (no history table yet) as a failed command.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Critical);
        foreach (var (key, value) in deployment.Settings) builder.Configuration[key] = value;
        foreach (var (key, value) in settings) builder.Configuration[key] = value;
        builder.AddShipSecRuntime();
        builder.AddShipSecApi();
        builder.Services.AddCoreModules().AddTestModules();
        replace?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapShipSecApi();
        await app.StartAsync();
        return new BenchServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
