using Microsoft.Playwright;
using NUnit.Framework;

namespace ShipSec.Studio.Tests.Infrastructure;

/// <summary>
/// Base of the browser tests: one server and one headless Debian Chromium per fixture, a fresh browser context (empty
/// localStorage) per test, and a test fails if the page threw a script error.
/// </summary>
public abstract class StudioTest
{
    /// <summary>Debian's Chromium; <c>scripts/services.sh</c> (<c>ensure_chromium</c>) installs it. Playwright never downloads a browser here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IBrowserContext _context = null!;
    private readonly List<string> _scriptErrors = [];

    protected StudioServer Server { get; private set; } = null!;
    protected StudioApi Api { get; private set; } = null!;
    protected IPage Page { get; private set; } = null!;

    /// <summary>The server this fixture's tests run against; a fixture overrides it for other settings.</summary>
    protected virtual StudioServer CreateServer() => new();

    [OneTimeSetUp]
    public async Task StartServerAndBrowserAsync()
    {
        if (!File.Exists(ChromiumPath))
            Assert.Fail($"Chromium is not installed at {ChromiumPath}; the studio's browser tests need it. " +
                "Install it with `apt-get install -y chromium chromium-driver` (scripts/services.sh does this in ensure_chromium).");
        Server = CreateServer();
        Api = Server.Start();
        Assertions.SetDefaultExpectTimeout((float)StudioApi.Patience.TotalMilliseconds);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    [SetUp]
    public async Task OpenPageAsync()
    {
        _scriptErrors.Clear();
        _context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        _context.SetDefaultTimeout((float)StudioApi.Patience.TotalMilliseconds);
        Page = await _context.NewPageAsync();
        Page.PageError += (_, error) => _scriptErrors.Add(error);
    }

    [TearDown]
    public async Task ClosePageAsync()
    {
        await _context.CloseAsync();
        Assert.That(_scriptErrors, Is.Empty, "the studio threw script errors");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        Server?.Dispose();
    }

    /// <summary>Opens a studio page, e.g. <c>#/runs/{id}</c>.</summary>
    protected async Task OpenAsync(string hash = "")
    {
        await Page.GotoAsync(new Uri(Server.Address, $"studio/{hash}").ToString());
    }

    /// <summary>A node of the graph on the page.</summary>
    protected ILocator GraphNode(string nodeId) => Page.Locator($"svg [data-node-id='{nodeId}']");
}
