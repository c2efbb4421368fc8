using ShipSec.Contracts.Components;
using ShipSec.Modules;
using ShipSec.Modules.Containers;
using ShipSec.Modules.Descriptors;
using ShipSec.Modules.Findings;

namespace ShipSec.Activities.Web.Wafw00f;

/// <summary><c>web.wafw00f</c>: detects web application firewalls in front of URLs with wafw00f in a container.</summary>
public sealed class Wafw00fModule : ContainerModule
{
    private const string Report = "wafw00f.json";
    private const string TargetsFile = "targets.txt";

    public override ComponentDescriptor Descriptor { get; } = ComponentDescriptorBuilder.Create("web.wafw00f", "WAF detection (wafw00f)")
        .Category("web")
        .Description(
            "Sends a few normal and suspicious requests to each URL with wafw00f and reports whether a web application firewall " +
            "answers, and which product it is. Useful before active scanning: a WAF changes what other scanners will see.")
        .Input("targets", "Targets", ConnectionType.ListOf(ConnectionType.Text), description: "URLs to test.")
        .Output("results", "Results", ConnectionType.ListOf(ConnectionType.Json), "{url, detected, firewall, manufacturer} per URL that answered.")
        .Output("protected", "Protected", ConnectionType.ListOf(ConnectionType.Text), "URLs with a WAF in front.")
        .Output("unprotected", "Unprotected", ConnectionType.ListOf(ConnectionType.Text), "URLs that answered without a WAF.")
        .Output("findings", "Findings", ConnectionType.ListOf(ConnectionType.Json), "{asset, kind, severity, title, evidence}.")
        .ListParameter("targets", "Targets", description: "Used when the targets input is not connected.")
        .BooleanParameter("findAll", "Find every matching WAF", false, "Keep testing after the first match (-a).")
        .RunsInDocker("ghcr.io/shipsecai/wafw00f:2.2.0", network: "operator")
        .DefaultTimeout(TimeSpan.FromMinutes(15))
        .Build();

    protected override string? LocalImage => "shipsec/wafw00f:local";

    protected override ContainerAttempt Prepare(ModuleContext context, ContainerSpec spec)
    {
        var targets = TargetList.Read(context);
        var argv = new List<string>();
        if (context.Param<bool>("findAll")) argv.Add("-a");
        argv.AddRange(["-o", ContainerPaths.Output(Report), "-f", "json", "-i", ContainerPaths.Input(TargetsFile)]);
        var checkedCount = 0;
        return new ContainerAttempt(
            spec with
            {
                Entrypoint = ["wafw00f"],
                Command = argv,
                Environment = new Dictionary<string, string> { ["HOME"] = "/tmp" },
                NeedsNetwork = true,
                InputFiles = [ContainerInputFile.FromLines(TargetsFile, targets)],
                // wafw00f's exit code says whether it found a WAF, not whether it worked.
                AcceptedExitCodes = [0, 1],
            },
            result => Interpret(context, result),
            line =>
            {
                if (line.Text.Contains("[*] Checking ", StringComparison.Ordinal))
                    context.Progress(++checkedCount, targets.Count, $"checking {checkedCount}/{targets.Count}", "targets");
            });
    }

    private static ModuleResult Interpret(ModuleContext context, ContainerResult result)
    {
        IReadOnlyList<WafDetection> results = [];
        if (result.OutputFile(Report) is { } report)
        {
            using var json = report.OpenRead();
            results = Wafw00fJson.Parse(json);
        }
        var findings = results.Where(r => r.Detected).Select(r => new Finding(r.Url, "web.waf", FindingSeverity.Info,
            $"Protected by {r.Firewall ?? "a web application firewall"}", r.Manufacturer is null ? "WAF behaviour detected" : $"{r.Firewall} ({r.Manufacturer})")).ToList();
        context.Log($"{results.Count(r => r.Detected)} of {results.Count} answering URLs are behind a WAF");
        return ModuleResult.From(new Dictionary<string, object?>
        {
            ["results"] = results,
            ["protected"] = results.Where(r => r.Detected).Select(r => r.Url).Distinct().ToList(),
            ["unprotected"] = results.Where(r => !r.Detected).Select(r => r.Url).Distinct().ToList(),
            ["findings"] = findings,
        });
    }
}
