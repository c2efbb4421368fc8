using System.Globalization;
using System.Text.Json;
using ShipSec.Contracts.Components;
using ShipSec.Modules;
using ShipSec.Modules.Containers;
using ShipSec.Modules.Descriptors;
using ShipSec.Modules.Findings;

namespace ShipSec.Activities.Recon.Subfinder;

/// <summary><c>recon.subfinder</c>: enumerates subdomains from passive sources with ProjectDiscovery's subfinder in a container.</summary>
public sealed class SubfinderModule : ContainerModule
{
    private const string Report = "subfinder.jsonl";
    private const string DomainsFile = "domains.txt";
    private const string ProviderConfigFile = "provider-config.yaml";

    public override ComponentDescriptor Descriptor { get; } = ComponentDescriptorBuilder.Create("recon.subfinder", "Subdomains (subfinder)")
        .Category("recon")
        .Description(
            "Finds subdomains of each domain from passive sources (certificate transparency, DNS datasets, search engines) with " +
            "ProjectDiscovery's subfinder; no packet reaches the target. API keys for more sources go in the provider configuration secret.")
        .Input("domains", "Domains", ConnectionType.ListOf(ConnectionType.Text), description: "Root domains; when connected, replaces the parameter.")
        .Output("subdomains", "Subdomains", ConnectionType.ListOf(ConnectionType.Text), "Distinct subdomains found.")
        .Output("results", "Results", ConnectionType.ListOf(ConnectionType.Json), "{host, domain, sources} per subdomain.")
        .Output("findings", "Findings", ConnectionType.ListOf(ConnectionType.Json), "{asset, kind, severity, title, evidence}.")
        .ListParameter("domains", "Domains", description: "Used when the domains input is not connected.")
        .BooleanParameter("allSources", "Use every source", false, "Slower, more results (-all).")
        .NumberParameter("maxMinutes", "Enumeration time per domain (min)", 10, min: 1, max: 120)
        .SecretParameter("providerConfig", "Provider configuration", "subfinder provider-config.yaml with API keys (a secret).")
        .RunsInDocker("projectdiscovery/subfinder:v2.6.6", network: "operator")
        .DefaultTimeout(TimeSpan.FromMinutes(30))
        .Build();

    protected override ContainerAttempt Prepare(ModuleContext context, ContainerSpec spec)
    {
        var domains = TargetList.Read(context, "domains");
        var maxMinutes = context.Param<int>("maxMinutes");
        if (maxMinutes is < 1 or > 120) throw new ModuleException(ModuleErrorKind.Validation, $"'maxMinutes' must be between 1 and 120, got {maxMinutes}.");
        var argv = new List<string>
        {
            "-dL", ContainerPaths.Input(DomainsFile), "-oJ", "-o", ContainerPaths.Output(Report), "-cs", "-nc", "-disable-update-check",
            "-max-time", maxMinutes.ToString(CultureInfo.InvariantCulture),
        };
        if (context.Param<bool>("allSources")) argv.Add("-all");
        List<ContainerInputFile> files = [ContainerInputFile.FromLines(DomainsFile, domains)];
        if (context.Param<string>("providerConfig") is { Length: > 0 } providerConfig)
        {
            files.Add(ContainerInputFile.FromText(ProviderConfigFile, providerConfig));
            argv.AddRange(["-pc", ContainerPaths.Input(ProviderConfigFile)]);
        }
        return new ContainerAttempt(
            spec with
            {
                Entrypoint = ["subfinder"],
                Command = argv,
                Environment = new Dictionary<string, string> { ["HOME"] = "/tmp" },
                NeedsNetwork = true,
                InputFiles = files,
            },
            result => Interpret(context, result));
    }

    private static ModuleResult Interpret(ModuleContext context, ContainerResult result)
    {
        var results = SubfinderJsonl.Parse(JsonLines.Parse(result.OutputFile(Report), out _));
        context.Log($"{results.Count} subdomains found");
        return ModuleResult.From(new Dictionary<string, object?>
        {
            ["subdomains"] = results.Select(r => r.Host).ToList(),
            ["results"] = results,
            ["findings"] = results.Select(r => new Finding(r.Host, "recon.subdomain", FindingSeverity.Info, $"Subdomain of {r.Domain}", $"sources: {string.Join(", ", r.Sources)}")).ToList(),
        });
    }
}

/// <summary>One subdomain and the passive sources that named it.</summary>
public sealed record Subdomain(string Host, string Domain, IReadOnlyList<string> Sources);

/// <summary>Reads subfinder's JSON lines (<c>-oJ</c>): <c>{host, input, source}</c> per line; <c>-cs</c> may repeat a host once per source.</summary>
public static class SubfinderJsonl
{
    public static IReadOnlyList<Subdomain> Parse(IEnumerable<JsonElement> lines) =>
    [
        .. lines.Where(l => l.String("host") is { Length: > 0 })
            .GroupBy(l => l.String("host")!.Trim().TrimEnd('.').ToLowerInvariant())
            .Select(g => new Subdomain(g.Key, g.Select(l => l.String("input")).FirstOrDefault(i => i is not null) ?? "",
                [.. g.SelectMany(l => l.Strings("source").Concat(l.Strings("sources"))).Distinct().Order(StringComparer.Ordinal)]))
            .OrderBy(s => s.Host, StringComparer.Ordinal),
    ];
}
