using System.Net;
using System.Text.Json;
using ShipSec.Contracts.Components;
using ShipSec.Modules;
using ShipSec.Modules.Containers;
using ShipSec.Modules.Descriptors;
using ShipSec.Modules.Findings;

namespace ShipSec.Activities.Recon.Dnsx;

/// <summary><c>recon.dnsx</c>: resolves many names quickly with ProjectDiscovery's dnsx in a container.</summary>
public sealed class DnsxModule : ContainerModule
{
    private const string Report = "dnsx.jsonl";
    private const string DomainsFile = "domains.txt";

    private static readonly Dictionary<string, string> TypeFlags = new(StringComparer.Ordinal)
    {
        ["A"] = "-a", ["AAAA"] = "-aaaa", ["CNAME"] = "-cname", ["MX"] = "-mx", ["NS"] = "-ns", ["TXT"] = "-txt", ["SOA"] = "-soa", ["CAA"] = "-caa", ["PTR"] = "-ptr",
    };

    public override ComponentDescriptor Descriptor { get; } = ComponentDescriptorBuilder.Create("recon.dnsx", "DNS resolve (dnsx)")
        .Category("recon")
        .Description("Resolves large lists of names with ProjectDiscovery's dnsx and outputs every record, the names that resolved and their status codes.")
        .Input("domains", "Names", ConnectionType.ListOf(ConnectionType.Text), description: "Names to resolve; when connected, replaces the parameter.")
        .Output("records", "Records", ConnectionType.ListOf(ConnectionType.Json), "{hostname, type, value} per answer.")
        .Output("resolved", "Resolved", ConnectionType.ListOf(ConnectionType.Text), "Names with at least one answer.")
        .Output("results", "Results", ConnectionType.ListOf(ConnectionType.Json), "{host, statusCode, resolvers} per name dnsx reported.")
        .Output("findings", "Findings", ConnectionType.ListOf(ConnectionType.Json), "{asset, kind, severity, title, evidence}.")
        .ListParameter("domains", "Names", description: "Used when the names input is not connected.")
        .MultiSelectParameter("recordTypes", "Record types", TypeFlags.Keys, ["A", "AAAA", "CNAME"])
        .ListParameter("resolvers", "Resolvers", [], "ip or ip:port of DNS servers; empty uses dnsx's defaults.")
        .NumberParameter("threads", "Threads", 100, min: 1, max: 1000)
        .RunsInDocker("projectdiscovery/dnsx:v1.2.1", network: "operator")
        .DefaultTimeout(TimeSpan.FromMinutes(10))
        .Build();

    protected override ContainerAttempt Prepare(ModuleContext context, ContainerSpec spec)
    {
        var names = TargetList.Read(context, "domains");
        var types = context.Param<List<string>>("recordTypes") ?? ["A"];
        if (types.Count == 0 || types.Any(t => !TypeFlags.ContainsKey(t)))
            throw new ModuleException(ModuleErrorKind.Validation, $"'recordTypes' must be some of {string.Join(", ", TypeFlags.Keys)}.");
        var threads = context.Param<int>("threads");
        if (threads is < 1 or > 1000) throw new ModuleException(ModuleErrorKind.Validation, $"'threads' must be between 1 and 1000, got {threads}.");
        var argv = new List<string> { "-l", ContainerPaths.Input(DomainsFile), "-json", "-o", ContainerPaths.Output(Report), "-resp", "-nc", "-silent", "-disable-update-check",
            "-t", threads.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        argv.AddRange(types.Select(t => TypeFlags[t]));
        var resolvers = context.Param<List<string>>("resolvers") ?? [];
        if (resolvers.Count > 0)
        {
            if (resolvers.FirstOrDefault(r => !IPEndPoint.TryParse(r, out _)) is { } bad)
                throw new ModuleException(ModuleErrorKind.Validation, $"Resolver '{bad}' is not an IP address with an optional port.");
            argv.AddRange(["-r", string.Join(',', resolvers)]);
        }
        return new ContainerAttempt(
            spec with
            {
                Entrypoint = ["dnsx"],
                Command = argv,
                Environment = new Dictionary<string, string> { ["HOME"] = "/tmp" },
                NeedsNetwork = true,
                InputFiles = [ContainerInputFile.FromLines(DomainsFile, names)],
            },
            result => Interpret(context, result));
    }

    private static ModuleResult Interpret(ModuleContext context, ContainerResult result)
    {
        var (records, hosts) = DnsxJsonl.Parse(JsonLines.Parse(result.OutputFile(Report), out _));
        var resolved = records.Select(r => r.Hostname).Distinct().ToList();
        context.Log($"{records.Count} records for {resolved.Count} names");
        return ModuleResult.From(new Dictionary<string, object?>
        {
            ["records"] = records,
            ["resolved"] = resolved,
            ["results"] = hosts,
            ["findings"] = records.Where(r => r.Type is "A" or "AAAA")
                .Select(r => new Finding(r.Hostname, "dns.address", FindingSeverity.Info, $"{r.Hostname} resolves to {r.Value}", $"{r.Type} {r.Value}")).ToList(),
        });
    }
}

/// <summary>One answer dnsx reported.</summary>
public sealed record DnsxRecord(string Hostname, string Type, string Value);

/// <summary>A name dnsx reported on, with its DNS status (NOERROR, NXDOMAIN…) and the resolvers asked.</summary>
public sealed record DnsxHost(string Host, string? StatusCode, IReadOnlyList<string> Resolvers);

/// <summary>Reads dnsx's JSON lines (<c>-json</c>): <c>{host, a[], aaaa[], cname[], mx[], ns[], txt[], status_code, resolver[]}</c>.</summary>
public static class DnsxJsonl
{
    private static readonly string[] Types = ["a", "aaaa", "cname", "mx", "ns", "txt", "caa", "ptr"];

    public static (IReadOnlyList<DnsxRecord> Records, IReadOnlyList<DnsxHost> Hosts) Parse(IEnumerable<JsonElement> lines)
    {
        var records = new List<DnsxRecord>();
        var hosts = new List<DnsxHost>();
        foreach (var line in lines)
        {
            if (line.String("host") is not { Length: > 0 } host) continue;
            hosts.Add(new DnsxHost(host, line.String("status_code"), line.Strings("resolver")));
            foreach (var type in Types)
                records.AddRange(line.Strings(type).Select(value => new DnsxRecord(host, type.ToUpperInvariant(), value)));
            if (line.Object("soa") is { } soa && soa.String("ns") is { } primary)
                records.Add(new DnsxRecord(host, "SOA", primary));
        }
        return (records, hosts);
    }
}
