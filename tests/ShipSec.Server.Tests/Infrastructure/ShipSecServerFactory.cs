using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ShipSec.Activities.Testing;
using ShipSec.Modules;

namespace ShipSec.Server.Tests.Infrastructure;

/// <summary>
/// The real server in-process on a fresh temporary data folder: real SQLite file and migrations, real in-memory
/// bus, real file-system artifact store, plus the <c>test.*</c> modules and this project's own test modules. With
/// <c>clientAddress</c>, every request reaches the server as if it came from that address (another machine).
/// </summary>
public sealed class ShipSecServerFactory : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly bool _ownsDataPath;
    private readonly IPAddress? _clientAddress;

    /// <summary>A server on <paramref name="dataPath"/> (kept on dispose), or on a new temporary folder (deleted on dispose).</summary>
    public ShipSecServerFactory(IReadOnlyDictionary<string, string>? settings = null, string? dataPath = null, IPAddress? clientAddress = null)
    {
        _clientAddress = clientAddress;
        _settings = settings ?? new Dictionary<string, string>();
        _ownsDataPath = dataPath is null;
        DataPath = dataPath ?? NewDataPath();
    }

    public string DataPath { get; }

    /// <summary>A fresh folder name under the temporary directory.</summary>
    public static string NewDataPath() => Path.Combine(Path.GetTempPath(), "shipsec-server-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Deletes a data folder once no server uses it.</summary>
    public static void DeleteDataPath(string dataPath)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(dataPath)) Directory.Delete(dataPath, recursive: true);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ShipSec:DataPath", DataPath);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.AddTestModules();
            services.AddModule<ArtifactModule>();
            services.AddModule<EchoModule>();
            if (_clientAddress is { } address) services.AddSingleton<IStartupFilter>(new ClientAddressFilter(address));
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDataPath) DeleteDataPath(DataPath);
    }

    /// <summary>Puts <paramref name="address"/> as the remote address of every request, before anything else looks at it.</summary>
    private sealed class ClientAddressFilter(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, then) =>
            {
                context.Connection.RemoteIpAddress = address;
                return then(context);
            });
            next(app);
        };
    }
}
