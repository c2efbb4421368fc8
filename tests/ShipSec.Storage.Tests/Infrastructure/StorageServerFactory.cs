using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using ShipSec.Modules;

namespace ShipSec.Storage.Tests.Infrastructure;

/// <summary>
/// The real server in-process on a fresh data folder (SQLite, in-memory bus), storing artifacts and files on the file
/// system or in a fresh bucket of the real S3 server, with the test-only <c>it.*</c> modules.
/// </summary>
public sealed class StorageServerFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string> _settings;

    public StorageServerFactory(StorageKind storage, IReadOnlyDictionary<string, string>? settings = null)
    {
        Storage = storage;
        DataPath = Path.Combine(Path.GetTempPath(), "shipsec-storage-tests", Guid.NewGuid().ToString("N"));
        _settings = new Dictionary<string, string>(settings ?? new Dictionary<string, string>());
        if (storage == StorageKind.S3)
        {
            Bucket = S3TestServer.NewBucket();
            _settings["ShipSec:Storage:Provider"] = "S3";
            _settings["ShipSec:Storage:S3:Endpoint"] = S3TestServer.Endpoint;
            _settings["ShipSec:Storage:S3:AccessKey"] = S3TestServer.AccessKey;
            _settings["ShipSec:Storage:S3:SecretKey"] = S3TestServer.SecretKey;
            _settings["ShipSec:Storage:S3:Bucket"] = Bucket;
            _settings["ShipSec:Storage:S3:UseSsl"] = "false";
        }
    }

    public StorageKind Storage { get; }
    public string DataPath { get; }
    /// <summary>The fixture's bucket when <see cref="Storage"/> is S3.</summary>
    public string? Bucket { get; }

    /// <summary>Every stored object (bucket objects, or files under the artifact folder) with its bytes.</summary>
    public async Task<IReadOnlyList<(string Key, byte[] Bytes)>> StoredObjectsAsync()
    {
        if (Storage == StorageKind.S3) return await S3TestServer.ObjectsAsync(Bucket!);
        var root = Path.Combine(DataPath, "artifacts");
        if (!Directory.Exists(root)) return [];
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => (Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllBytes(f))).ToList();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ShipSec:DataPath", DataPath);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.AddModule<GeneratedArtifactModule>().AddModule<TextArtifactModule>().AddModule<SecretDigestModule>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataPath)) Directory.Delete(DataPath, recursive: true);
        // The test S3 server keeps objects in RAM: give it back.
        if (Bucket is not null) S3TestServer.DeleteBucketAsync(Bucket).GetAwaiter().GetResult();
    }
}
