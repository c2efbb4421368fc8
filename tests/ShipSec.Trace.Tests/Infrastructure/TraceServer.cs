using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ShipSec.Activities.Testing;
using ShipSec.Runtime.Tracing;

namespace ShipSec.Trace.Tests.Infrastructure;

/// <summary>
/// The real server on Kestrel (127.0.0.1, a free port) on a fresh temporary data folder: SQLite file, in-memory bus, file-system
/// artifacts, the <c>test.*</c> modules, plus <paramref name="settings"/> (e.g. <c>ShipSec:Trace:…</c>). Real HTTP, so streams
/// see real back-pressure. Also records the <c>ShipSec.Trace</c> meter of this server only. Servers given the same
/// <paramref name="dataPath"/> share one database, as instances of one deployment do; that folder is then the caller's to delete.
/// </summary>
public sealed class TraceServer(IReadOnlyDictionary<string, string>? settings = null, string? dataPath = null) : WebApplicationFactory<Program>
{
    private readonly string _dataPath = dataPath ?? NewDataPath();
    private MeterListener? _listener;
    private readonly Dictionary<string, double> _measurements = new(StringComparer.Ordinal);

    /// <summary>A fresh folder name under the temporary directory.</summary>
    public static string NewDataPath() => Path.Combine(Path.GetTempPath(), "shipsec-trace-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Deletes a data folder once no server uses it.</summary>
    public static void DeleteDataPath(string path)
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
    }

    /// <summary>Starts the server and its metric recording; returns a client for its address.</summary>
    public TraceApi Start()
    {
        UseKestrel();
        StartServer();
        var meters = Services.GetRequiredService<IMeterFactory>();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == TraceMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meters))
                    listener.EnableMeasurementEvents(instrument);
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Add(instrument.Name, value));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Add(instrument.Name, value));
        _listener.Start();
        return new TraceApi(CreateClient());
    }

    /// <summary>The sum of everything recorded on instrument <paramref name="name"/> since <see cref="Start"/>.</summary>
    public double Total(string name)
    {
        lock (_measurements) return _measurements.GetValueOrDefault(name);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("ShipSec:DataPath", _dataPath);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.AddTestModules());
    }

    protected override void Dispose(bool disposing)
    {
        _listener?.Dispose();
        base.Dispose(disposing);
        if (disposing && dataPath is null) DeleteDataPath(_dataPath);
    }

    private void Add(string name, double value)
    {
        lock (_measurements) _measurements[name] = _measurements.GetValueOrDefault(name) + value;
    }
}
