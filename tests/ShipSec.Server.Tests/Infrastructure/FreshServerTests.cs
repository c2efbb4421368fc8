using NUnit.Framework;

namespace ShipSec.Server.Tests.Infrastructure;

/// <summary>Base of tests that change server-wide state (API keys): each test gets a server of its own on a fresh data folder.</summary>
public abstract class FreshServerTests
{
    protected ShipSecServerFactory Server { get; private set; } = null!;
    protected ApiClient Api { get; private set; } = null!;

    [SetUp]
    public void StartServer()
    {
        Server = new ShipSecServerFactory();
        Api = new ApiClient(Server.CreateClient());
    }

    [TearDown]
    public void StopServer()
    {
        Api.Http.Dispose();
        Server.Dispose();
    }
}
