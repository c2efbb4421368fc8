namespace ShipSec.Distributed.Tests.Infrastructure;

/// <summary>
/// The production profile for one test: a database and a RabbitMQ vhost of its own, and any number of server processes
/// sharing them, in any role. Disposing kills the processes and drops the database and the vhost.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    private readonly List<ServerProcess> _servers = [];
    private readonly ScratchDatabase _database;
    private readonly Uri _vhost;
    private readonly string _dataPath;
    private readonly Dictionary<string, string> _settings;

    private Cluster(ScratchDatabase database, Uri vhost, IReadOnlyDictionary<string, string> settings)
    {
        _database = database;
        _vhost = vhost;
        _dataPath = Path.Combine(Path.GetTempPath(), "shipsec-distributed-tests", Guid.NewGuid().ToString("N"));
        _settings = new Dictionary<string, string>(settings);
    }

    /// <summary>Every server process started so far (killed ones included).</summary>
    public IReadOnlyList<ServerProcess> Servers => _servers;

    /// <summary>A new database and vhost; <paramref name="settings"/> (environment-variable spelling) go to every process.</summary>
    public static async Task<Cluster> CreateAsync(string purpose, IReadOnlyDictionary<string, string>? settings = null)
    {
        var database = await ScratchDatabase.CreateAsync(purpose);
        var vhost = await Broker.AddVhostAsync(purpose);
        return new Cluster(database, vhost, settings ?? new Dictionary<string, string>());
    }

    /// <summary>Starts a server in <paramref name="role"/>, with <paramref name="extra"/> settings for it alone, and waits until it answers.</summary>
    public async Task<ServerProcess> StartAsync(string role = "all", IReadOnlyDictionary<string, string>? extra = null)
    {
        var server = Launch(role, extra ?? new Dictionary<string, string>());
        await server.WaitStartedAsync();
        return server;
    }

    /// <summary>Starts a server without waiting (for startup failures).</summary>
    public ServerProcess Launch(string role, IReadOnlyDictionary<string, string> extra)
    {
        var environment = Environment();
        foreach (var (key, value) in extra) environment[key] = value;
        var server = ServerProcess.Start(role, environment);
        _servers.Add(server);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        // Each process's output is kept next to the test results, for the failure that needs it.
        var logs = Path.Combine(NUnit.Framework.TestContext.CurrentContext.WorkDirectory, "server-logs",
            NUnit.Framework.TestContext.CurrentContext.Test.Name);
        Directory.CreateDirectory(logs);
        foreach (var server in _servers)
        {
            server.Dispose();
            await File.WriteAllTextAsync(Path.Combine(logs, $"{server.Role}-{server.ProcessId}.log"), server.Output);
        }
        await _database.DisposeAsync();
        await Broker.DeleteVhostAsync(_vhost);
        if (Directory.Exists(_dataPath)) Directory.Delete(_dataPath, recursive: true);
    }

    private Dictionary<string, string> Environment()
    {
        var environment = new Dictionary<string, string>
        {
            ["ShipSec__Database__Provider"] = "Postgres",
            ["ConnectionStrings__ShipSec"] = _database.ConnectionString,
            ["ShipSec__Bus__Transport"] = "RabbitMq",
            ["ShipSec__Bus__RabbitMq"] = _vhost.ToString(),
            // Artifacts stay on the file system; every process shares the folder.
            ["ShipSec__DataPath"] = _dataPath,
        };
        foreach (var (key, value) in _settings) environment[key] = value;
        return environment;
    }
}
