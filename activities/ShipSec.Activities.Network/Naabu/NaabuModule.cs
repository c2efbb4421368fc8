using System.Globalization;
using System.Text.Json;
using ShipSec.Contracts.Components;
using ShipSec.Modules;
using ShipSec.Modules.Containers;
using ShipSec.Modules.Descriptors;
using ShipSec.Modules.Findings;

namespace ShipSec.Activities.Network.Naabu;

/// <summary><c>network.naabu.scan</c>: finds open ports fast with ProjectDiscovery's naabu in a container.</summary>
public sealed class NaabuModule : ContainerModule
{
    private const string Report = "naabu.jsonl";
    private const string TargetsFile = "targets.txt";

    public override ComponentDescriptor Descriptor { get; } = ComponentDescriptorBuilder.Create("network.naabu.scan", "Port scan (naabu)")
        .Category("network")
        .Description(
            "Finds open TCP ports on hosts and addresses with ProjectDiscovery's naabu: quick discovery to feed service scans and HTTP " +
            "probes. Uses connect scans, which need no privileges; a SYN scan runs with the NET_RAW and NET_ADMIN capabilities only.")
        .Input("targets", "Targets", ConnectionType.ListOf(ConnectionType.Text), description: "Hosts, addresses or CIDR ranges.")
        .Output("openPorts", "Open ports", ConnectionType.ListOf(ConnectionType.Text), "host:port of every open port.")
        .Output("results", "Results", ConnectionType.ListOf(ConnectionType.Json), "{host, ip, port, protocol} per open port.")
        .Output("findings", "Findings", ConnectionType.ListOf(ConnectionType.Json), "{asset, kind, severity, title, evidence}.")
        .ListParameter("targets", "Targets", description: "Used when the targets input is not connected.")
        .TextParameter("ports", "Ports", description: "Ports or ranges such as 80,443,8000-8100; empty scans the top 100.")
        .SelectParameter("topPorts", "Top ports", ["100", "1000", "full"], "100", "Used when no ports are given.")
        .SelectParameter("scanType", "Scan type", ["connect", "syn"], "connect")
        .NumberParameter("rate", "Packets per second", 1000, min: 1, max: 100000)
        .RunsInDocker("projectdiscovery/naabu:v2.3.1", network: "operator")
        .DefaultTimeout(TimeSpan.FromMinutes(20))
        .Build();

    protected override ContainerAttempt Prepare(ModuleContext context, ContainerSpec spec)
    {
        var targets = TargetList.Read(context);
        var scanType = context.Param<string>("scanType") ?? "connect";
        if (scanType is not ("connect" or "syn")) throw new ModuleException(ModuleErrorKind.Validation, $"'scanType' must be connect or syn, got '{scanType}'.");
        var rate = context.Param<int>("rate");
        if (rate is < 1 or > 100000) throw new ModuleException(ModuleErrorKind.Validation, $"'rate' must be between 1 and 100000, got {rate}.");
        var argv = new List<string>
        {
            "-list", ContainerPaths.Input(TargetsFile), "-json", "-o", ContainerPaths.Output(Report), "-nc", "-disable-update-check",
            "-s", scanType == "syn" ? "s" : "c", "-rate", rate.ToString(CultureInfo.InvariantCulture),
        };
        if (context.Param<string>("ports") is { Length: > 0 } ports) argv.AddRange(["-p", PortList.Check(ports, "ports")]);
        else
        {
            var top = context.Param<string>("topPorts") ?? "100";
            if (top is not ("100" or "1000" or "full")) throw new ModuleException(ModuleErrorKind.Validation, $"'topPorts' must be 100, 1000 or full, got '{top}'.");
            argv.AddRange(["-top-ports", top]);
        }
        return new ContainerAttempt(
            spec with
            {
                Entrypoint = ["naabu"],
                Command = argv,
                Environment = new Dictionary<string, string> { ["HOME"] = "/tmp" },
                NeedsNetwork = true,
                Capabilities = scanType == "syn" ? ["NET_RAW", "NET_ADMIN"] : [],
                InputFiles = [ContainerInputFile.FromLines(TargetsFile, targets)],
            },
            result => Interpret(context, result));
    }

    private static ModuleResult Interpret(ModuleContext context, ContainerResult result)
    {
        var ports = NaabuJsonl.Parse(JsonLines.Parse(result.OutputFile(Report), out _));
        context.Log($"{ports.Count} open ports");
        return ModuleResult.From(new Dictionary<string, object?>
        {
            ["openPorts"] = ports.Select(p => p.Endpoint).Distinct(StringComparer.Ordinal).ToList(),
            ["results"] = ports,
            ["findings"] = ports.Select(p => new Finding(p.Endpoint, "network.open-port", FindingSeverity.Info, $"Open port {p.Port}/{p.Protocol}",
                p.Ip is null || p.Ip == p.Host ? $"{p.Host}:{p.Port}" : $"{p.Host} ({p.Ip}) port {p.Port}")).ToList(),
        });
    }
}

/// <summary>An open port naabu found.</summary>
public sealed record NaabuPort(string Host, string? Ip, int Port, string Protocol)
{
    /// <summary>host:port, the form the HTTP and TLS modules take.</summary>
    public string Endpoint => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}

/// <summary>
/// Reads naabu's JSON lines (<c>-json</c>): <c>{host, ip, port, protocol}</c>; older releases wrote <c>port</c> as an object
/// <c>{Port, Protocol}</c>, which is read as well.
/// </summary>
public static class NaabuJsonl
{
    public static IReadOnlyList<NaabuPort> Parse(IEnumerable<JsonElement> lines)
    {
        var ports = new List<NaabuPort>();
        foreach (var line in lines)
        {
            var host = line.String("host") ?? line.String("ip");
            var (port, protocol) = line.Object("port") is { } nested
                ? (nested.Integer("Port") ?? nested.Integer("port"), nested.String("Protocol") ?? nested.String("protocol"))
                : (line.Integer("port"), line.String("protocol"));
            if (host is null || port is null) continue;
            ports.Add(new NaabuPort(host, line.String("ip"), (int)port, (protocol ?? "tcp").ToLowerInvariant()));
        }
        return [.. ports.DistinctBy(p => (p.Host, p.Port, p.Protocol)).OrderBy(p => p.Host, StringComparer.Ordinal).ThenBy(p => p.Port)];
    }
}
