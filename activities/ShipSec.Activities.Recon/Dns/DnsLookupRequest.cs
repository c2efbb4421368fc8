using System.Net;
using DnsClient;
using ShipSec.Modules;

namespace ShipSec.Activities.Recon.Dns;

/// <summary>
/// The validated parameters of one <c>recon.dns.resolve</c> run. <see cref="Entries"/> are the inputs as given (a URL or
/// host:port keeps its form so it can feed a prober); <see cref="Hostnames"/> are the distinct hosts to look up.
/// </summary>
internal sealed record DnsLookupRequest(
    IReadOnlyList<(string Entry, string Hostname)> Entries,
    IReadOnlyList<string> Hostnames,
    IReadOnlyList<QueryType> RecordTypes,
    IReadOnlyList<NameServer> Resolvers,
    TimeSpan Timeout,
    int Concurrency)
{
    public static readonly string[] SupportedTypes = ["A", "AAAA", "CNAME", "MX", "TXT", "NS"];

    public static DnsLookupRequest From(ModuleContext context)
    {
        var hostnames = context.Input<List<string>>("hostnames")
            ?? throw new ModuleException(ModuleErrorKind.Validation, "Input 'hostnames' is required: connect a list of hostnames (or one hostname).");
        var timeoutMs = context.Param<int>("timeoutMs");
        if (timeoutMs <= 0) throw new ModuleException(ModuleErrorKind.Validation, $"'timeoutMs' must be more than 0, got {timeoutMs}.");
        var concurrency = context.Param<int>("concurrency");
        if (concurrency <= 0) throw new ModuleException(ModuleErrorKind.Validation, $"'concurrency' must be more than 0, got {concurrency}.");

        var entries = hostnames
            .Select(h => h.Trim())
            .Where(h => h.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Select(h => (Entry: h, Hostname: Normalise(h)))
            .Where(e => e.Hostname.Length > 0)
            .ToList();
        return new DnsLookupRequest(
            entries,
            entries.Select(e => e.Hostname).Distinct(StringComparer.Ordinal).ToList(),
            ParseRecordTypes(context.Param<List<string>>("recordTypes") ?? []),
            (context.Param<List<string>>("resolvers") ?? []).Where(r => !string.IsNullOrWhiteSpace(r)).Select(ParseResolver).ToList(),
            TimeSpan.FromMilliseconds(timeoutMs),
            concurrency);
    }

    /// <summary>Lower-cases, trims a trailing dot, and takes the host out of a URL or host:port so upstream URL lists can be wired in directly.</summary>
    internal static string Normalise(string hostname)
    {
        var text = hostname.Trim();
        if (text.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(text, UriKind.Absolute, out var url))
            text = url.IdnHost;
        else if (!IPAddress.TryParse(text, out _) && text.LastIndexOf(':') is var colon and > 0 && text.IndexOf(':') == colon && int.TryParse(text[(colon + 1)..], out _))
            text = text[..colon];
        return text.Trim('[', ']').TrimEnd('.').ToLowerInvariant();
    }

    private static List<QueryType> ParseRecordTypes(List<string> names)
    {
        if (names.Count == 0)
            throw new ModuleException(ModuleErrorKind.Validation, $"'recordTypes' must name at least one of {string.Join(", ", SupportedTypes)}.");
        var types = new List<QueryType>();
        foreach (var name in names.Select(n => n.Trim().ToUpperInvariant()).Distinct())
        {
            if (!SupportedTypes.Contains(name))
                throw new ModuleException(ModuleErrorKind.Validation, $"'recordTypes' contains '{name}'; supported types are {string.Join(", ", SupportedTypes)}.");
            types.Add(Enum.Parse<QueryType>(name));
        }
        return types;
    }

    private static NameServer ParseResolver(string text)
    {
        var trimmed = text.Trim();
        if (IPAddress.TryParse(trimmed, out var address))
            return new NameServer(address, NameServer.DefaultPort);
        if (IPEndPoint.TryParse(trimmed, out var endpoint) && endpoint.Port > 0)
            return new NameServer(endpoint);
        throw new ModuleException(ModuleErrorKind.Validation, $"Resolver '{text}' must be an IP address, optionally with a port (1.1.1.1, 1.1.1.1:53, [2606:4700::1111]:53).");
    }
}
