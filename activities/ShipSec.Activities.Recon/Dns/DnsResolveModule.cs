using System.Net;
using System.Net.Sockets;
using DnsClient;
using DnsClient.Protocol;
using ShipSec.Contracts.Components;
using ShipSec.Modules;
using ShipSec.Modules.Progress;
using ShipSec.Modules.Descriptors;

namespace ShipSec.Activities.Recon.Dns;

/// <summary><c>recon.dns.resolve</c>: looks up A/AAAA/CNAME/MX/TXT/NS records for a list of hostnames and splits them into resolved and unresolved.</summary>
public sealed class DnsResolveModule : IModule
{
    public ComponentDescriptor Descriptor { get; } = ComponentDescriptorBuilder.Create("recon.dns.resolve", "DNS resolve")
        .Category("recon")
        .Description(
            "Resolves hostnames through the system resolvers or the ones given, and outputs every record found, the hostnames with " +
            "an A or AAAA record (resolved) and the rest (unresolved, e.g. NXDOMAIN). localhost and IP addresses are passed through without a lookup.")
        .Input("hostnames", "Hostnames", ConnectionType.ListOf(ConnectionType.Text), required: true, "Hostnames, one hostname, or URLs / host:port (the host is used).")
        .Output("records", "Records", ConnectionType.ListOf(ConnectionType.Json), "{hostname, type, value, ttl} per record.")
        .Output("resolved", "Resolved", ConnectionType.ListOf(ConnectionType.Text), "Entries (as given, ports and URLs kept) whose host has an A or AAAA record.")
        .Output("unresolved", "Unresolved", ConnectionType.ListOf(ConnectionType.Text), "Entries (as given) whose host has no address.")
        .MultiSelectParameter("recordTypes", "Record types", DnsLookupRequest.SupportedTypes, ["A", "AAAA", "CNAME"])
        .ListParameter("resolvers", "Resolvers", [], "\"ip\" or \"ip:port\" of DNS servers to ask; empty uses the system's resolvers.")
        .NumberParameter("timeoutMs", "Timeout per query (ms)", 3000, min: 1)
        .NumberParameter("concurrency", "Concurrent hostnames", 10, min: 1, max: 256)
        .DefaultTimeout(TimeSpan.FromMinutes(10))
        .Build();

    public async Task<ModuleResult> ExecuteAsync(ModuleContext context)
    {
        var request = DnsLookupRequest.From(context);
        var client = CreateClient(request);
        var resolverText = request.Resolvers.Count > 0 ? string.Join(", ", request.Resolvers.Select(r => r.ToString())) : "system resolvers";
        context.Log($"resolving {request.Hostnames.Count} hostnames ({string.Join(", ", request.RecordTypes)}) via {resolverText}");

        var outcomes = new HostOutcome[request.Hostnames.Count];
        var progress = new ProgressCounter(context, request.Hostnames.Count, "resolved", "hostnames");
        await Parallel.ForEachAsync(
            Enumerable.Range(0, request.Hostnames.Count),
            new ParallelOptions { MaxDegreeOfParallelism = request.Concurrency, CancellationToken = context.CancellationToken },
            async (index, cancellationToken) =>
            {
                var hostname = request.Hostnames[index];
                var outcome = await Resolve(client, hostname, request.RecordTypes, cancellationToken);
                outcomes[index] = outcome;
                context.Log(outcome.Describe(hostname), level: outcome.TransportError is null ? Contracts.Trace.TraceLevel.Info : Contracts.Trace.TraceLevel.Warn);
                progress.ItemFinished();
                context.Heartbeat();
            });

        var looked = outcomes.Where(o => !o.Local).ToList();
        if (looked.Count > 0 && looked.All(o => o.Unanswered))
            throw new ModuleException(ModuleErrorKind.Network, $"No DNS resolver answered ({resolverText}): {looked[0].TransportError}");

        var records = outcomes.SelectMany(o => o.Records).ToList();
        var hasAddress = request.Hostnames.Zip(outcomes).ToDictionary(p => p.First, p => p.Second.HasAddress, StringComparer.Ordinal);
        var resolved = request.Entries.Where(e => hasAddress[e.Hostname]).Select(e => e.Entry).ToList();
        var unresolved = request.Entries.Where(e => !hasAddress[e.Hostname]).Select(e => e.Entry).ToList();
        context.Log($"{resolved.Count} resolved, {unresolved.Count} unresolved, {records.Count} records");
        return ModuleResult.From(new Dictionary<string, object?>
        {
            ["records"] = records,
            ["resolved"] = resolved,
            ["unresolved"] = unresolved,
        });
    }

    private static LookupClient CreateClient(DnsLookupRequest request)
    {
        var options = request.Resolvers.Count > 0 ? new LookupClientOptions([.. request.Resolvers]) : new LookupClientOptions();
        options.UseCache = false;
        options.Timeout = request.Timeout;
        options.Retries = 1;
        options.ThrowDnsErrors = false;
        options.UseTcpFallback = true;
        try
        {
            return new LookupClient(options);
        }
        catch (InvalidOperationException e)
        {
            throw new ModuleException(ModuleErrorKind.Configuration, $"No DNS resolver is configured on this worker; set 'resolvers'. ({e.Message})", inner: e);
        }
    }

    private static async Task<HostOutcome> Resolve(LookupClient client, string hostname, IReadOnlyList<QueryType> types, CancellationToken cancellationToken)
    {
        if (PassThrough(hostname, types) is { } local) return local;

        var records = new List<DnsRecord>();
        foreach (var type in types)
        {
            try
            {
                var response = await client.QueryAsync(hostname, type, QueryClass.IN, cancellationToken);
                if (response.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain)
                    return new HostOutcome(records, NxDomain: true);
                if (response.HasError)
                    return new HostOutcome(records, TransportError: $"{type} query failed: {response.ErrorMessage}");
                foreach (var answer in response.Answers)
                {
                    if (ToRecord(hostname, answer) is { } record && !records.Contains(record))
                        records.Add(record);
                }
            }
            catch (DnsResponseException e)
            {
                return new HostOutcome(records, TransportError: $"{type} query failed: {e.Message}");
            }
        }
        return new HostOutcome(records);
    }

    /// <summary>localhost and IP literals need no lookup; answering them directly keeps loopback targets working without DNS.</summary>
    private static HostOutcome? PassThrough(string hostname, IReadOnlyList<QueryType> types)
    {
        IPAddress[] addresses;
        if (IPAddress.TryParse(hostname, out var literal))
            addresses = [literal];
        else if (hostname == "localhost" || hostname.EndsWith(".localhost", StringComparison.Ordinal))
            addresses = [IPAddress.Loopback, IPAddress.IPv6Loopback];
        else
            return null;

        var records = addresses
            .Select(a => a.AddressFamily == AddressFamily.InterNetwork ? ("A", a) : ("AAAA", a))
            .Where(r => literal is not null || types.Contains(Enum.Parse<QueryType>(r.Item1)))
            .Select(r => new DnsRecord(hostname, r.Item1, r.Item2.ToString(), 0))
            .ToList();
        return new HostOutcome(records, Local: true, ForceAddress: true);
    }

    private static DnsRecord? ToRecord(string hostname, DnsResourceRecord answer) => answer switch
    {
        ARecord a => new DnsRecord(hostname, "A", a.Address.ToString(), answer.TimeToLive),
        AaaaRecord aaaa => new DnsRecord(hostname, "AAAA", aaaa.Address.ToString(), answer.TimeToLive),
        CNameRecord cname => new DnsRecord(hostname, "CNAME", cname.CanonicalName.Value.TrimEnd('.'), answer.TimeToLive),
        MxRecord mx => new DnsRecord(hostname, "MX", $"{mx.Preference} {mx.Exchange.Value.TrimEnd('.')}", answer.TimeToLive),
        TxtRecord txt => new DnsRecord(hostname, "TXT", string.Concat(txt.Text), answer.TimeToLive),
        NsRecord ns => new DnsRecord(hostname, "NS", ns.NSDName.Value.TrimEnd('.'), answer.TimeToLive),
        _ => null,
    };

    /// <summary>What the lookups of one hostname produced.</summary>
    private sealed record HostOutcome(List<DnsRecord> Records, bool NxDomain = false, string? TransportError = null, bool Local = false, bool ForceAddress = false)
    {
        public bool HasAddress => ForceAddress || Records.Any(r => r.Type is "A" or "AAAA");

        /// <summary>No resolver gave any answer for this hostname.</summary>
        public bool Unanswered => TransportError is not null && Records.Count == 0;

        public string Describe(string hostname) =>
            TransportError is not null ? $"{hostname}: {TransportError}"
            : NxDomain ? $"{hostname}: NXDOMAIN"
            : Local ? $"{hostname}: local address, not looked up"
            : Records.Count == 0 ? $"{hostname}: no records"
            : $"{hostname}: {string.Join(", ", Records.Select(r => $"{r.Type} {r.Value}"))}";
    }
}
