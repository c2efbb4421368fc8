using ShipSec.Activities.Network.Nmap;
using ShipSec.Containers.Tests.Support;
using ShipSec.Contracts.Trace;
using ShipSec.Modules.Containers;

namespace ShipSec.Containers.Tests.Units;

public class ModuleContainerOutputTests
{
    [Test]
    public async Task Lines_are_logged_up_to_the_cap_while_the_parser_sees_every_one()
    {
        var context = ContainerModuleContext.For(new NmapScanModule(), runner: null);
        var parsed = new List<string>();
        var output = new ModuleContainerOutput(context, line => parsed.Add(line.Text), maxLoggedLines: 3);

        for (var i = 1; i <= 10; i++)
            await output.OnLineAsync(new ContainerLine(i % 2 == 0 ? ContainerStream.Stderr : ContainerStream.Stdout, $"line {i}"), CancellationToken.None);
        output.Complete();

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Has.Count.EqualTo(10));
            Assert.That(context.Logs, Is.EqualTo(new[]
            {
                new LogLine("line 1", "stdout", TraceLevel.Info),
                new LogLine("line 2", "stderr", TraceLevel.Info),
                new LogLine("line 3", "stdout", TraceLevel.Info),
                new LogLine("The tool printed more than 3 lines; further lines are not logged.", "module", TraceLevel.Warn),
                new LogLine("7 further output lines were not logged.", "module", TraceLevel.Warn),
            }));
        });
    }

    [Test]
    public async Task Colour_codes_are_stripped_and_truncated_lines_say_so()
    {
        var context = ContainerModuleContext.For(new NmapScanModule(), runner: null);
        var parsed = new List<string>();
        var output = new ModuleContainerOutput(context, line => parsed.Add(line.Text));

        await output.OnLineAsync(new ContainerLine(ContainerStream.Stdout, "\u001b[1;94m[*] Checking\u001b[0m http://x"), CancellationToken.None);
        await output.OnLineAsync(new ContainerLine(ContainerStream.Stdout, "aaaa", Truncated: true), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(parsed[0], Is.EqualTo("[*] Checking http://x"));
            Assert.That(context.Logs.Select(l => l.Line), Is.EqualTo(new[] { "[*] Checking http://x", "aaaa …[line truncated]" }));
        });
    }

    [Test]
    public void Runner_heartbeats_renew_the_attempt()
    {
        var context = ContainerModuleContext.For(new NmapScanModule(), runner: null);
        IContainerOutput output = new ModuleContainerOutput(context);

        output.OnHeartbeat();
        output.OnHeartbeat();

        Assert.That(context.Events.OfType<HeartbeatMark>().Count(), Is.EqualTo(2));
    }
}
