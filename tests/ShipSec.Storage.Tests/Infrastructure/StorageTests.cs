using NUnit.Framework;

namespace ShipSec.Storage.Tests.Infrastructure;

/// <summary>Base of the storage tests: each fixture runs once per artifact store, each with its own server and data folder (and bucket).</summary>
[TestFixture(StorageKind.FileSystem)]
[TestFixture(StorageKind.S3)]
public abstract class StorageTests(StorageKind storage)
{
    protected StorageKind Storage { get; } = storage;
    protected StorageServerFactory Server { get; private set; } = null!;
    protected Api Api { get; private set; } = null!;

    /// <summary>Settings on top of the storage provider's, e.g. a small upload limit.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    [OneTimeSetUp]
    public void StartServer()
    {
        if (Storage == StorageKind.S3) S3TestServer.RequireConfigured();
        Server = new StorageServerFactory(Storage, Settings);
        Api = new Api(Server.CreateClient());
    }

    [OneTimeTearDown]
    public void StopServer()
    {
        Api?.Http.Dispose();
        Server?.Dispose();
    }
}
