using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace ShipSec.Studio.Tests.Infrastructure;

/// <summary>
/// The real server (studio pages and API) on Kestrel at 127.0.0.1 on a free port, on the embedded default with a fresh data
/// folder: SQLite, in-memory bus, file-system artifacts, the <c>test.*</c> modules the server registers, plus
/// <paramref name="settings"/>. With <paramref name="apiKey"/>, the test's own API client sends it.
/// </summary>
public sealed class StudioServer(IReadOnlyDictionary<string, string>? settings = null, string? apiKey = null) : WebApplicationFactory<Program>
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "shipsec-studio-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Starts the server; returns the API client for its address.</summary>
    public StudioApi Start()
    {
        UseKestrel();
        StartServer();
        var client = CreateClient();
        if (apiKey is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", apiKey);
        Address = client.BaseAddress!;
        return new StudioApi(client);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("ShipSec:DataPath", _dataPath);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataPath)) Directory.Delete(_dataPath, recursive: true);
    }
}
