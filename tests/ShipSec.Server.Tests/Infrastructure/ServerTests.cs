using NUnit.Framework;

namespace ShipSec.Server.Tests.Infrastructure;

/// <summary>Base of the HTTP tests: each test class gets its own server on a fresh data folder, with <paramref name="settings"/> if given.</summary>
public abstract class ServerTests(IReadOnlyDictionary<string, string>? settings = null)
{
    protected ShipSecServerFactory Server { get; private set; } = null!;
    protected ApiClient Api { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartServer()
    {
        Server = new ShipSecServerFactory(settings);
        Api = new ApiClient(Server.CreateClient());
    }

    [OneTimeTearDown]
    public void StopServer()
    {
        Api.Http.Dispose();
        Server.Dispose();
    }
}
