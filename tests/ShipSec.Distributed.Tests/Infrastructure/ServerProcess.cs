using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NUnit.Framework;

namespace ShipSec.Distributed.Tests.Infrastructure;

/// <summary>
/// One ShipSec server as a separate operating-system process (<c>dotnet ShipSec.Server.dll --role …</c>) on its own
/// loopback port, configured through environment variables like an operator would. <see cref="Kill"/> is a SIGKILL.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, string role, Uri address)
    {
        _process = process;
        Role = role;
        Address = address;
        ProcessId = process.Id;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Role { get; }
    public Uri Address { get; }
    public HttpClient Http { get; }
    public int ProcessId { get; }

    /// <summary>The name the process's worker puts in claims and NODE_STARTED data (host/pid).</summary>
    public string WorkerName => $"{Environment.MachineName}/{ProcessId}";

    public bool HasExited => _process.HasExited;

    /// <summary>What the process printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>The server binary built next to this test project (same configuration).</summary>
    public static string ServerDll
    {
        get
        {
            // tests/ShipSec.Distributed.Tests/bin/<Configuration>/<tfm>/ → src/ShipSec.Server/bin/<Configuration>/<tfm>/
            var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var tfm = here.Name;
            var configuration = here.Parent!.Name;
            var root = here.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
            return Path.Combine(root, "src", "ShipSec.Server", "bin", configuration, tfm, "ShipSec.Server.dll");
        }
    }

    /// <summary>
    /// Starts the server with <paramref name="role"/> and <paramref name="environment"/>, in its own folder unless
    /// <paramref name="workingDirectory"/> says otherwise; does not wait for it.
    /// </summary>
    public static ServerProcess Start(string role, IReadOnlyDictionary<string, string> environment, string? workingDirectory = null)
    {
        var dll = ServerDll;
        Assert.That(File.Exists(dll), Is.True, $"{dll} is missing; build the solution first");
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            // The server's own folder by default, so its appsettings.json applies.
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "--role", role, "--urls", address.ToString().TrimEnd('/') }) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Error";
        start.Environment["Logging__LogLevel__MassTransit"] = "Error";
        foreach (var (key, value) in environment) start.Environment[key] = value;
        return new ServerProcess(Process.Start(start)!, role, address);
    }

    /// <summary>Waits until the server answers its liveness route; fails with its output if it exits or takes too long.</summary>
    public async Task WaitStartedAsync()
    {
        var deadline = DateTime.UtcNow + StartPatience;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) Assert.Fail($"{Role} server exited with {_process.ExitCode}:\n{Output}");
            try
            {
                using var response = await Http.GetAsync("/api/v1/health");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        Assert.Fail($"{Role} server did not start within {StartPatience}:\n{Output}");
    }

    /// <summary>Waits for the process to exit on its own; returns its exit code.</summary>
    public async Task<int> WaitExitAsync()
    {
        using var timeout = new CancellationTokenSource(StartPatience);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>kill -9: no shutdown hooks, no flushing, no goodbye to the broker.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        Http.Dispose();
        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
