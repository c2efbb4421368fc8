using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ShipSec.Activities.Testing;
using ShipSec.Modules;

namespace ShipSec.Server.Tests.Infrastructure;

/// <summary>
/// The real server in-process on a fresh temporary data folder: real SQLite file and migrations, real in-memory
/// bus, real file-system artifact store, plus the <c>test.*</c> modules and this project's own test modules.
/// </summary>
public sealed class ShipSecServerFactory : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string> _settings;

    public ShipSecServerFactory(IReadOnlyDictionary<string, string>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string>();
        DataPath = Path.Combine(Path.GetTempPath(), "shipsec-server-tests", Guid.NewGuid().ToString("N"));
    }

    /// <summary>The data folder this server owns; deleted on dispose.</summary>
    public string DataPath { get; }

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
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(DataPath))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(DataPath, recursive: true);
        }
    }
}
