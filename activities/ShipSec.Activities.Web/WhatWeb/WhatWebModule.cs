using System.Text.RegularExpressions;
using ShipSec.Contracts.Components;
using ShipSec.Modules;
using ShipSec.Modules.Containers;
using ShipSec.Modules.Descriptors;
using ShipSec.Modules.Findings;

namespace ShipSec.Activities.Web.WhatWeb;

/// <summary><c>web.whatweb</c>: fingerprints web servers, frameworks and applications with whatweb in a container.</summary>
public sealed partial class WhatWebModule : ContainerModule
{
    private const string Log = "whatweb.json";
    private const string TargetsFile = "targets.txt";

    private static readonly Dictionary<string, string> Aggression = new(StringComparer.Ordinal) { ["stealthy"] = "1", ["aggressive"] = "3" };

    public override ComponentDescriptor Descriptor { get; } = ComponentDescriptorBuilder.Create("web.whatweb", "Web technologies (WhatWeb)")
        .Category("web")
        .Description(
            "Fingerprints each URL with WhatWeb: web server, frameworks, CMS, JavaScript libraries and their versions, plus the page " +
            "title and status. Stealthy mode sends one request per target; aggressive mode tries more URLs to pin versions down. " +
            "Targets that do not answer are listed in errors.")
        .Input("targets", "Targets", ConnectionType.ListOf(ConnectionType.Text), description: "URLs (or hosts, tried over http).")
        .Output("results", "Results", ConnectionType.ListOf(ConnectionType.Json), "{target, status, title, technologies[{name, versions, details}]} per target that answered.")
        .Output("technologies", "Technologies", ConnectionType.ListOf(ConnectionType.Text), "Distinct technology names, with a version when known (nginx 1.24.0).")
        .Output("errors", "Errors", ConnectionType.ListOf(ConnectionType.Text), "Targets that could not be fetched, with the reason.")
        .Output("findings", "Findings", ConnectionType.ListOf(ConnectionType.Json), "{asset, kind, severity, title, evidence}.")
        .ListParameter("targets", "Targets", description: "Used when the targets input is not connected.")
        .SelectParameter("aggression", "Aggression", Aggression.Keys, "stealthy")
        .NumberParameter("threads", "Concurrent targets", 10, min: 1, max: 100)
        .RunsInDocker("ghcr.io/shipsecai/whatweb:0.5.5", network: "operator")
        .DefaultTimeout(TimeSpan.FromMinutes(20))
        .Build();

    protected override string? LocalImage => "shipsec/whatweb:local";

    protected override ContainerAttempt Prepare(ModuleContext context, ContainerSpec spec)
    {
        var targets = TargetList.Read(context);
        var aggression = context.Param<string>("aggression") ?? "stealthy";
        if (!Aggression.TryGetValue(aggression, out var level))
            throw new ModuleException(ModuleErrorKind.Validation, $"'aggression' must be stealthy or aggressive, got '{aggression}'.");
        var threads = context.Param<int>("threads");
        if (threads is < 1 or > 100) throw new ModuleException(ModuleErrorKind.Validation, $"'threads' must be between 1 and 100, got {threads}.");

        var errors = new List<string>();
        var answered = 0;
        return new ContainerAttempt(
            spec with
            {
                Entrypoint = ["whatweb"],
                Command = ["--color=never", "-a", level, "--max-threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"--log-json={ContainerPaths.Output(Log)}", $"--input-file={ContainerPaths.Input(TargetsFile)}"],
                Environment = new Dictionary<string, string> { ["HOME"] = "/tmp" },
                NeedsNetwork = true,
                InputFiles = [ContainerInputFile.FromLines(TargetsFile, targets)],
            },
            result => Interpret(context, result, errors),
            line =>
            {
                if (OpeningError().Match(line.Text) is { Success: true } error)
                    errors.Add($"{error.Groups["target"].Value}: {error.Groups["reason"].Value}");
                else if (line.Stream == ContainerStream.Stdout && BriefLine().IsMatch(line.Text))
                    context.Progress(++answered + errors.Count, targets.Count, $"fingerprinted {answered + errors.Count}/{targets.Count}", "targets");
            });
    }

    private static ModuleResult Interpret(ModuleContext context, ContainerResult result, List<string> errors)
    {
        IReadOnlyList<WhatWebResult> results = [];
        if (result.OutputFile(Log) is { } log)
        {
            using var json = log.OpenRead();
            results = WhatWebJson.Parse(json);
        }
        var technologies = results.SelectMany(r => r.Technologies).Select(Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var findings = results.SelectMany(Findings).ToList();
        context.Log($"{results.Count} targets fingerprinted, {errors.Count} failed, {technologies.Count} technologies");
        return ModuleResult.From(new Dictionary<string, object?>
        {
            ["results"] = results,
            ["technologies"] = technologies,
            ["errors"] = errors,
            ["findings"] = findings,
        });
    }

    private static IEnumerable<Finding> Findings(WhatWebResult result)
    {
        foreach (var technology in result.Technologies)
        {
            yield return new Finding(result.Target, "web.technology", FindingSeverity.Info, $"{Label(technology)} detected",
                technology.Details.Count > 0 ? string.Join(", ", technology.Details) : technology.Name);
            // A Server header such as "nginx/1.24.0" tells attackers which vulnerabilities to try.
            if (technology.Name == "HTTPServer" && technology.Details.FirstOrDefault(d => VersionedProduct().IsMatch(d)) is { } banner)
                yield return new Finding(result.Target, "web.version-disclosure", FindingSeverity.Low, "Server header discloses the server version", $"Server: {banner}");
        }
    }

    private static string Label(WebTechnology technology) =>
        technology.Name == "HTTPServer" && technology.Details.Count > 0 ? technology.Details[0]
        : technology.Versions.Count > 0 ? $"{technology.Name} {technology.Versions[0]}"
        : technology.Name;

    [GeneratedRegex(@"^ERROR Opening: (?<target>\S+) - (?<reason>.+)$")]
    private static partial Regex OpeningError();

    [GeneratedRegex(@"^\S+ \[\d{3} ")]
    private static partial Regex BriefLine();

    [GeneratedRegex(@"/\d")]
    private static partial Regex VersionedProduct();
}
