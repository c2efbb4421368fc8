using System.Text.RegularExpressions;
using ShipSec.Contracts.Components;
using ShipSec.Modules;
using ShipSec.Modules.Containers;
using ShipSec.Modules.Descriptors;
using ShipSec.Modules.Findings;

namespace ShipSec.Activities.Network.Nmap;

/// <summary>
/// <c>network.nmap.scan</c>: scans targets with nmap in a container (TCP connect scan by default, SYN scan with raw-socket
/// capabilities on request), with service and version detection, and reports hosts, open ports and findings.
/// </summary>
public sealed partial class NmapScanModule : ContainerModule
{
    private const string Report = "nmap.xml";
    private const string TargetsFile = "targets.txt";

    private static readonly Dictionary<string, string> TimingTemplates = new(StringComparer.Ordinal)
    {
        ["paranoid"] = "-T0", ["sneaky"] = "-T1", ["polite"] = "-T2", ["normal"] = "-T3", ["aggressive"] = "-T4", ["insane"] = "-T5",
    };

    // Services that should rarely face a scanner: clear-text logins, databases and caches without authentication by default.
    private static readonly Dictionary<string, string> ExposedServices = new(StringComparer.Ordinal)
    {
        ["telnet"] = "clear-text remote login", ["ftp"] = "clear-text file transfer", ["microsoft-ds"] = "SMB file sharing",
        ["ms-wbt-server"] = "remote desktop", ["vnc"] = "remote desktop", ["mysql"] = "database", ["postgresql"] = "database",
        ["ms-sql-s"] = "database", ["mongodb"] = "database", ["redis"] = "in-memory store", ["memcache"] = "cache",
        ["elasticsearch"] = "search database", ["docker"] = "Docker API",
    };

    public override ComponentDescriptor Descriptor { get; } = ComponentDescriptorBuilder.Create("network.nmap.scan", "Nmap port scan")
        .Category("network")
        .Description(
            "Scans hosts, addresses or CIDR ranges with nmap and reports each host's ports with their state, and with service detection " +
            "the service, product and version listening. Uses a TCP connect scan, which needs no privileges; a SYN scan runs with the " +
            "NET_RAW and NET_ADMIN capabilities only. Progress comes from nmap's periodic statistics; the XML report is kept as an artifact.")
        .Input("targets", "Targets", ConnectionType.ListOf(ConnectionType.Text), description: "Hosts, addresses or ranges; when connected, replaces the parameter.")
        .Output("hosts", "Hosts", ConnectionType.ListOf(ConnectionType.Json),
            "{address, addressType, hostnames, status, ports: [{port, protocol, state, service, product, version, extraInfo}]} per host.")
        .Output("openPorts", "Open ports", ConnectionType.ListOf(ConnectionType.Text), "address:port of every open port.")
        .Output("findings", "Findings", ConnectionType.ListOf(ConnectionType.Json), "{asset, kind, severity, title, evidence}.")
        .ListParameter("targets", "Targets", description: "Used when the targets input is not connected.")
        .TextParameter("ports", "Ports", description: "nmap port specification, e.g. 22,80,443 or 1-1024 or T:53,U:53; empty scans nmap's top 1000 ports.")
        .SelectParameter("scanType", "Scan type", ["connect", "syn"], "connect", "connect needs no privileges; syn is faster and quieter but needs raw sockets.")
        .BooleanParameter("serviceDetection", "Service and version detection", true, "Probe open ports to name the service, product and version (-sV).")
        .BooleanParameter("skipHostDiscovery", "Treat every host as up", true, "Skip ping discovery (-Pn); hosts that drop pings are still scanned.")
        .SelectParameter("timing", "Timing", TimingTemplates.Keys, "normal", "nmap timing template, from paranoid (T0) to insane (T5).")
        .RunsInDocker("instrumentisto/nmap:7.95", network: "operator")
        .DefaultTimeout(TimeSpan.FromMinutes(30))
        .Build();

    protected override string? LocalImage => "shipsec/nmap:local";

    protected override ContainerAttempt Prepare(ModuleContext context, ContainerSpec spec)
    {
        var targets = TargetList.Read(context);
        var ports = context.Param<string>("ports")?.Trim();
        if (!string.IsNullOrEmpty(ports) && !PortSpecification().IsMatch(ports))
            throw new ModuleException(ModuleErrorKind.Validation, $"'ports' is not an nmap port specification: '{ports}' (use e.g. 22,80,443 or 1-1024 or T:53,U:53).");
        var scanType = context.Param<string>("scanType") ?? "connect";
        if (scanType is not ("connect" or "syn"))
            throw new ModuleException(ModuleErrorKind.Validation, $"'scanType' must be connect or syn, got '{scanType}'.");
        var timing = context.Param<string>("timing") ?? "normal";
        if (!TimingTemplates.TryGetValue(timing, out var timingFlag))
            throw new ModuleException(ModuleErrorKind.Validation, $"'timing' must be one of {string.Join(", ", TimingTemplates.Keys)}, got '{timing}'.");

        // Targets travel in a list file, never as arguments: nothing a target says can become an nmap option.
        var argv = new List<string> { "-v" };
        argv.AddRange(scanType == "syn" ? ["--privileged", "-sS"] : ["--unprivileged", "-sT"]);
        if (context.Param<bool>("serviceDetection")) argv.Add("-sV");
        if (context.Param<bool>("skipHostDiscovery")) argv.Add("-Pn");
        argv.Add(timingFlag);
        if (!string.IsNullOrEmpty(ports)) argv.Add("-p" + ports);
        argv.AddRange(["--stats-every", "5s", "-oX", ContainerPaths.Output(Report), "-iL", ContainerPaths.Input(TargetsFile)]);

        context.Log($"scanning {targets.Count} targets ({scanType} scan{(string.IsNullOrEmpty(ports) ? ", top 1000 ports" : $", ports {ports}")})");
        return new ContainerAttempt(
            spec with
            {
                Entrypoint = ["nmap"],
                Command = argv,
                NeedsNetwork = true,
                Capabilities = scanType == "syn" ? ["NET_RAW", "NET_ADMIN"] : [],
                InputFiles = [ContainerInputFile.FromLines(TargetsFile, targets)],
            },
            result => Interpret(context, result),
            line =>
            {
                if (NmapProgress.Parse(line.Text) is var (phase, percent))
                    context.Progress(percent, 100, $"{phase}: {percent}% done", "percent");
            });
    }

    private static ModuleResult Interpret(ModuleContext context, ContainerResult result)
    {
        var report = result.OutputFile(Report)
            ?? throw new ModuleException(ModuleErrorKind.Container, "nmap finished without writing its XML report.");
        IReadOnlyList<NmapHost> hosts;
        using (var xml = report.OpenRead())
            hosts = NmapXml.Parse(xml);

        var open = hosts.SelectMany(h => h.Ports.Where(p => p.State == "open").Select(p => (Host: h, Port: p))).ToList();
        var openPorts = open.Select(o => Endpoint(o.Host.Address, o.Port.Port)).Distinct(StringComparer.Ordinal).ToList();
        var findings = open.SelectMany(o => Findings(o.Host, o.Port)).ToList();
        context.Progress(100, 100, "scan complete", "percent");
        context.Log($"{hosts.Count(h => h.Status == "up")} of {hosts.Count} hosts up, {openPorts.Count} open ports");
        return ModuleResult.From(new Dictionary<string, object?>
        {
            ["hosts"] = hosts,
            ["openPorts"] = openPorts,
            ["findings"] = findings,
        });
    }

    private static IEnumerable<Finding> Findings(NmapHost host, NmapPort port)
    {
        var asset = Endpoint(host.Address, port.Port);
        var product = string.Join(' ', new[] { port.Product, port.Version, port.ExtraInfo is null ? null : $"({port.ExtraInfo})" }.Where(s => !string.IsNullOrEmpty(s)));
        var service = port.Tunnel is null ? port.Service ?? "unknown" : $"{port.Tunnel}/{port.Service ?? "unknown"}";
        yield return new Finding(asset, "network.open-port", FindingSeverity.Info,
            $"Open port {port.Port}/{port.Protocol} ({service})", product.Length > 0 ? product : $"{service} on {port.Port}/{port.Protocol}");
        if (port.Service is not null && ExposedServices.TryGetValue(port.Service, out var what))
            yield return new Finding(asset, "network.exposed-service", FindingSeverity.Medium,
                $"Exposed {what}: {service} on {port.Port}/{port.Protocol}", product.Length > 0 ? product : service);
    }

    private static string Endpoint(string address, int port) => address.Contains(':') ? $"[{address}]:{port}" : $"{address}:{port}";

    [GeneratedRegex(@"^[A-Za-z0-9,:\-\[\]*]{1,1000}$")]
    private static partial Regex PortSpecification();
}
