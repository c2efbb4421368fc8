using System.Net;
using ShipSec.Contracts.Components;
using ShipSec.Modules;
using ShipSec.Modules.Containers;
using ShipSec.Modules.Descriptors;
using ShipSec.Modules.Findings;

namespace ShipSec.Activities.Recon.Dig;

/// <summary><c>recon.dig</c>: looks up DNS records for a list of names with dig (BIND's resolver tool) in a container.</summary>
public sealed class DigModule : ContainerModule
{
    private const string QueriesFile = "queries.txt";

    /// <summary>Record types the module asks for.</summary>
    public static readonly IReadOnlyList<string> RecordTypes = ["A", "AAAA", "CNAME", "MX", "NS", "TXT", "SOA", "CAA", "SRV", "PTR"];

    public override ComponentDescriptor Descriptor { get; } = ComponentDescriptorBuilder.Create("recon.dig", "DNS lookup (dig)")
        .Category("recon")
        .Description(
            "Queries DNS with dig for each name and record type, through the container's resolver or the one given, and outputs " +
            "every answer record, the names that have an address and the ones that do not.")
        .Input("domains", "Names", ConnectionType.ListOf(ConnectionType.Text), description: "Domain or host names; when connected, replaces the parameter.")
        .Output("records", "Records", ConnectionType.ListOf(ConnectionType.Json), "{hostname, type, value, ttl} per answer.")
        .Output("resolved", "Resolved", ConnectionType.ListOf(ConnectionType.Text), "Names with an A or AAAA answer.")
        .Output("unresolved", "Unresolved", ConnectionType.ListOf(ConnectionType.Text), "Names without one.")
        .Output("findings", "Findings", ConnectionType.ListOf(ConnectionType.Json), "{asset, kind, severity, title, evidence}.")
        .ListParameter("domains", "Names", description: "Used when the names input is not connected.")
        .MultiSelectParameter("recordTypes", "Record types", RecordTypes, ["A", "AAAA", "CNAME"])
        .TextParameter("resolver", "Resolver", description: "ip or ip:port of the DNS server to ask; empty uses the container's resolver.")
        .NumberParameter("timeoutSeconds", "Timeout per query (s)", 3, min: 1, max: 30)
        .RunsInDocker("ghcr.io/shipsecai/dig:9.18", network: "operator")
        .DefaultTimeout(TimeSpan.FromMinutes(10))
        .Build();

    protected override string? LocalImage => "shipsec/dig:local";

    protected override ContainerAttempt Prepare(ModuleContext context, ContainerSpec spec)
    {
        var names = TargetList.Read(context, "domains").Select(n => n.TrimEnd('.').ToLowerInvariant()).Distinct().ToList();
        var types = context.Param<List<string>>("recordTypes") ?? ["A"];
        if (types.Count == 0 || types.Any(t => !RecordTypes.Contains(t)))
            throw new ModuleException(ModuleErrorKind.Validation, $"'recordTypes' must be some of {string.Join(", ", RecordTypes)}.");
        var timeout = context.Param<int>("timeoutSeconds");
        if (timeout is < 1 or > 30) throw new ModuleException(ModuleErrorKind.Validation, $"'timeoutSeconds' must be between 1 and 30, got {timeout}.");

        var argv = new List<string>();
        if (context.Param<string>("resolver") is { Length: > 0 } resolver)
        {
            if (!IPEndPoint.TryParse(resolver, out var endpoint))
                throw new ModuleException(ModuleErrorKind.Validation, $"'resolver' must be an IP address with an optional port, got '{resolver}'.");
            argv.Add("@" + endpoint.Address);
            if (endpoint.Port != 0) argv.AddRange(["-p", endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
        argv.AddRange([$"+time={timeout}", "+tries=2", "+noall", "+question", "+answer", "-f", ContainerPaths.Input(QueriesFile)]);
        var queries = names.SelectMany(n => types.Select(t => $"{n} {t}")).ToList();
        var answers = new DigAnswers();
        context.Log($"{queries.Count} queries ({string.Join(", ", types)}) for {names.Count} names");
        return new ContainerAttempt(
            spec with
            {
                Entrypoint = ["dig"],
                Command = argv,
                NeedsNetwork = true,
                InputFiles = [ContainerInputFile.FromLines(QueriesFile, queries)],
                // dig exits 9 when the last query got no reply; whether that matters is judged from all the answers.
                AcceptedExitCodes = [0, 9],
            },
            result => Interpret(context, names, queries.Count, answers),
            line =>
            {
                if (line.Stream == ContainerStream.Stdout) answers.Add(line.Text);
            });
    }

    private static ModuleResult Interpret(ModuleContext context, IReadOnlyList<string> names, int queries, DigAnswers answers)
    {
        if (answers.Records.Count == 0 && answers.Failures.Count >= queries)
            throw new ModuleException(ModuleErrorKind.Network, $"No DNS server answered: {answers.Failures[0]}.", new { failures = answers.Failures.Count });
        var resolved = names.Where(n => answers.Records.Any(r => r.Hostname == n && r.Type is "A" or "AAAA")).ToList();
        var findings = answers.Records.Where(r => r.Type is "A" or "AAAA")
            .Select(r => new Finding(r.Hostname, "dns.address", FindingSeverity.Info, $"{r.Hostname} resolves to {r.Value}", $"{r.Type} {r.Value} (TTL {r.Ttl})"))
            .ToList();
        context.Log($"{answers.Records.Count} records; {resolved.Count} of {names.Count} names resolved; {answers.Failures.Count} queries failed");
        return ModuleResult.From(new Dictionary<string, object?>
        {
            ["records"] = answers.Records,
            ["resolved"] = resolved,
            ["unresolved"] = names.Except(resolved).ToList(),
            ["findings"] = findings,
        });
    }
}
