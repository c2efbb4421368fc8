using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ShipSec.Containers.Tests.Support;

namespace ShipSec.Containers.Tests.Workflows.Support;

/// <summary>
/// The real server in-process (<see cref="Program"/>: SQLite on a temporary data folder, in-memory bus, file-system artifacts, every
/// module family) whose container modules run on the test daemon the way the tests' operator configures it: the host network (so
/// tools reach the test's targets on 127.0.0.1), the locally built images, no pulls.
/// </summary>
public sealed class ContainerServer : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <summary>A server with the operator settings above, overridden or extended by <paramref name="settings"/>.</summary>
    public ContainerServer(IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    {
        _settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ShipSec:DataPath"] = DataPath,
            ["ShipSec:Docker:Endpoint"] = DockerHost.Endpoint,
            ["ShipSec:Docker:Network"] = "host",
            ["ShipSec:Docker:PreferLocalImages"] = "true",
            ["ShipSec:Docker:PullMissingImages"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) _settings[key] = value;
        _services = services;
    }

    public string DataPath { get; } = Path.Combine(Path.GetTempPath(), "shipsec-container-workflows", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_services is not null) builder.ConfigureServices(_services);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataPath)) Directory.Delete(DataPath, recursive: true);
    }
}
