using ShipSec.Activities.Tls.Sslscan;
using ShipSec.Containers.Tests.Support;
using ShipSec.Modules;
using ShipSec.Modules.Containers;

namespace ShipSec.Containers.Tests.Modules.Tls;

/// <summary>
/// sslscan that gives up on an endpoint (exit code 1) sometimes leaves its XML report unfinished; that endpoint is then an error
/// of the scan, named with the tool's reason, while an unfinished report of a run that succeeded still fails the module.
/// </summary>
public class SslscanUnfinishedReportTests
{
    private const string Unfinished = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document title=\"SSLScan Results\" version=\"2.0.16\">\n" +
                                      " <ssltest host=\"127.0.0.1\" sniname=\"127.0.0.1\" port=\"8080\">\n";

    [Test]
    public async Task An_unfinished_report_of_an_endpoint_sslscan_gave_up_on_is_that_endpoints_error()
    {
        var runner = new ReportWritingRunner(exitCode: 1, Unfinished, stderr: "Could not connect: TLS handshake failed");
        var context = ContainerModuleContext.For(new SslscanModule(TimeProvider.System), runner, inputs: new { targets = new[] { "127.0.0.1:8080" } });

        var result = await context.Run();

        Assert.That(result.Output<List<TlsScan>>("results"), Is.Empty);
        Assert.That(result.Output<List<string>>("errors"), Is.EqualTo(new[] { "127.0.0.1:8080: Could not connect: TLS handshake failed" }));
    }

    [Test]
    public async Task An_unfinished_report_of_a_run_that_succeeded_fails_the_module()
    {
        var runner = new ReportWritingRunner(exitCode: 0, Unfinished, stderr: "");
        var context = ContainerModuleContext.For(new SslscanModule(TimeProvider.System), runner, inputs: new { targets = new[] { "127.0.0.1:8080" } });

        var error = await Assert.ThrowsAsync<ModuleException>(context.Run);

        Assert.That(error!.Message, Does.Contain("unreadable XML report"));
    }

    /// <summary>Stands in for the container: writes <c>report</c> where <c>--xml=</c> points and exits with <c>exitCode</c>.</summary>
    private sealed class ReportWritingRunner(int exitCode, string report, string stderr) : IContainerRunner
    {
        public Task<ContainerResult> RunAsync(ContainerSpec spec, IContainerOutput output, CancellationToken cancellationToken)
        {
            var directory = Directory.CreateTempSubdirectory("sslscan-report-").FullName;
            var name = Path.GetFileName(spec.Command.Single(a => a.StartsWith("--xml=", StringComparison.Ordinal))["--xml=".Length..]);
            var path = Path.Combine(directory, name);
            File.WriteAllText(path, report);
            return Task.FromResult(new ContainerResult(directory)
            {
                ExitCode = exitCode,
                Image = "shipsec/sslscan:local",
                Duration = TimeSpan.FromMilliseconds(10),
                StdoutLines = 0,
                StderrLines = stderr.Length == 0 ? 0 : 1,
                StderrTail = stderr.Length == 0 ? [] : [stderr],
                OutputFiles = [new ContainerOutputFile(name, new FileInfo(path).Length, path)],
            });
        }
    }
}
