using System.Text.RegularExpressions;
using ShipSec.Contracts.Components;
using ShipSec.Modules;
using ShipSec.Modules.Containers;
using ShipSec.Modules.Descriptors;
using ShipSec.Modules.Findings;

namespace ShipSec.Activities.Vuln.Nuclei;

/// <summary><c>vuln.nuclei</c>: scans targets with ProjectDiscovery's nuclei templates in a container.</summary>
public sealed partial class NucleiModule : ContainerModule
{
    private const string Report = "nuclei.jsonl";
    private const string TargetsFile = "targets.txt";
    private const string CustomTemplate = "templates/custom.yaml";

    public override ComponentDescriptor Descriptor { get; } = ComponentDescriptorBuilder.Create("vuln.nuclei", "Vulnerability scan (nuclei)")
        .Category("vuln")
        .Description(
            "Runs ProjectDiscovery's nuclei templates against URLs and hosts and reports every match with its severity, the URL it " +
            "matched and what it extracted. Choose templates by id, tag or severity, or paste a custom template. Progress comes from " +
            "nuclei's periodic statistics.")
        .Input("targets", "Targets", ConnectionType.ListOf(ConnectionType.Text), description: "URLs or hosts.")
        .Output("findings", "Findings", ConnectionType.ListOf(ConnectionType.Json), "{asset, kind, severity, title, evidence}.")
        .Output("matches", "Matches", ConnectionType.ListOf(ConnectionType.Json),
            "{templateId, name, severity, host, matchedAt, type, matcherName, extractedResults, tags, description, references} per match.")
        .Output("severityCounts", "Counts by severity", ConnectionType.Json, "{critical, high, medium, low, info}.")
        .ListParameter("targets", "Targets", description: "Used when the targets input is not connected.")
        .ListParameter("templateIds", "Template ids", [], "Run only these templates (-id).")
        .ListParameter("tags", "Tags", [], "Run templates with these tags (-tags), e.g. cve, misconfig.")
        .MultiSelectParameter("severities", "Severities", ["info", "low", "medium", "high", "critical"], [], "Only templates of these severities; none selected means all.")
        .TextParameter("customTemplate", "Custom template", description: "A nuclei template (YAML) to run instead of the installed ones.", multiline: true)
        .NumberParameter("rateLimit", "Requests per second", 150, min: 1, max: 5000)
        .RunsInDocker("projectdiscovery/nuclei:v3.3.5", network: "operator")
        .DefaultTimeout(TimeSpan.FromMinutes(60))
        .Build();

    protected override ContainerAttempt Prepare(ModuleContext context, ContainerSpec spec)
    {
        var targets = TargetList.Read(context);
        var argv = new List<string>
        {
            "-l", ContainerPaths.Input(TargetsFile), "-jsonl", "-o", ContainerPaths.Output(Report), "-nc", "-disable-update-check",
            "-stats", "-sj", "-si", "5", "-rl", RateLimit(context),
        };
        List<ContainerInputFile> files = [ContainerInputFile.FromLines(TargetsFile, targets)];
        if (context.Param<string>("customTemplate") is { Length: > 0 } template)
        {
            files.Add(ContainerInputFile.FromText(CustomTemplate, template));
            argv.AddRange(["-t", ContainerPaths.Input(CustomTemplate)]);
        }
        if (Names(context, "templateIds") is { Length: > 0 } ids) argv.AddRange(["-id", ids]);
        if (Names(context, "tags") is { Length: > 0 } tags) argv.AddRange(["-tags", tags]);
        if (Names(context, "severities") is { Length: > 0 } severities) argv.AddRange(["-severity", severities]);

        return new ContainerAttempt(
            spec with
            {
                Entrypoint = ["nuclei"],
                Command = argv,
                Environment = new Dictionary<string, string> { ["HOME"] = "/tmp" },
                NeedsNetwork = true,
                InputFiles = files,
                // Templates are unpacked under $HOME on first use; nuclei also runs many requests in parallel.
                Limits = new ContainerLimits { MemoryBytes = 2L * 1024 * 1024 * 1024, Cpus = 2, Pids = 1024, TmpBytes = 1024L * 1024 * 1024 },
            },
            result => Interpret(context, result),
            line =>
            {
                if (NucleiJsonl.Stats(line.Text) is { } stats)
                    context.Progress(stats.Percent, 100, $"{stats.Percent}% ({stats.Requests}/{stats.Total} requests, {stats.Matched} matches)", "percent");
            });
    }

    private static ModuleResult Interpret(ModuleContext context, ContainerResult result)
    {
        var matches = NucleiJsonl.Parse(JsonLines.Parse(result.OutputFile(Report), out _));
        var counts = NucleiJsonl.CountBySeverity(matches);
        context.Log($"{matches.Count} matches: " + string.Join(", ", counts.Select(c => $"{c.Value} {c.Key}")));
        return ModuleResult.From(new Dictionary<string, object?>
        {
            ["findings"] = matches.Select(NucleiJsonl.Finding).ToList(),
            ["matches"] = matches,
            ["severityCounts"] = counts,
        });
    }

    private static string RateLimit(ModuleContext context)
    {
        var rate = context.Param<int>("rateLimit");
        if (rate is < 1 or > 5000) throw new ModuleException(ModuleErrorKind.Validation, $"'rateLimit' must be between 1 and 5000, got {rate}.");
        return rate.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Names(ModuleContext context, string id)
    {
        var values = (context.Param<List<string>>(id) ?? []).Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
        if (values.FirstOrDefault(v => !TemplateName().IsMatch(v)) is { } bad)
            throw new ModuleException(ModuleErrorKind.Validation, $"'{bad}' in '{id}' is not a template id, tag or severity (letters, digits, - _ . only).");
        return string.Join(',', values);
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,127}$")]
    private static partial Regex TemplateName();
}
