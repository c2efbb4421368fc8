using ShipSec.Contracts.Components;
using ShipSec.Modules;
using ShipSec.Modules.Progress;
using ShipSec.Modules.Descriptors;

namespace ShipSec.Activities.Web.Probe;

/// <summary>
/// <c>web.http.probe</c>: requests each target (https then http for a bare host), following and recording redirects, and reports
/// status, title, server, TLS certificate and findings. A target that does not answer is a per-target error, not a node failure.
/// </summary>
public sealed class HttpProbeModule(HttpProbeOptions options, TimeProvider clock) : IModule
{
    public ComponentDescriptor Descriptor { get; } = ComponentDescriptorBuilder.Create("web.http.probe", "HTTP probe")
        .Category("web")
        .Description(
            "Probes URLs or host[:port] targets (https first, then http, for a bare host), records the redirect chain, status, page title, " +
            "Server header and TLS certificate, and reports findings such as expired or self-signed certificates and missing HSTS. " +
            "Certificates are inspected, not trusted: verifyTls is off by default so broken TLS is reported rather than refused.")
        .Input("targets", "Targets", ConnectionType.ListOf(ConnectionType.Text), required: true, "URLs, or hosts with an optional port.")
        .Output("responses", "Responses", ConnectionType.ListOf(ConnectionType.Json),
            "{target, url, finalUrl, status, title, server, contentLength, contentType, redirectChain, tls?, error?} per target.")
        .Output("alive", "Alive", ConnectionType.ListOf(ConnectionType.Text), "Final URLs that answered.")
        .Output("findings", "Findings", ConnectionType.ListOf(ConnectionType.Json), "{asset, kind, severity, title, evidence}.")
        .NumberParameter("concurrency", "Concurrent targets", 10, min: 1, max: 256)
        .NumberParameter("timeoutSeconds", "Timeout per target (s)", 10, "Time allowed for each URL tried, redirects included.", min: 1)
        .BooleanParameter("followRedirects", "Follow redirects", true)
        .NumberParameter("maxRedirects", "Maximum redirects", 5, min: 0, max: 50)
        .BooleanParameter("verifyTls", "Verify TLS", false, "Refuse servers whose certificate does not validate (they become per-target errors).")
        .DefaultTimeout(TimeSpan.FromMinutes(30))
        .Build();

    public async Task<ModuleResult> ExecuteAsync(ModuleContext context)
    {
        var targets = (context.Input<List<string>>("targets")
                ?? throw new ModuleException(ModuleErrorKind.Validation, "Input 'targets' is required: connect a list of URLs or hosts."))
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .Distinct(StringComparer.Ordinal)
            .Select(ProbeTarget.Parse)
            .ToList();
        var settings = ReadSettings(context);
        var concurrency = context.Param<int>("concurrency");
        if (concurrency <= 0) throw new ModuleException(ModuleErrorKind.Validation, $"'concurrency' must be more than 0, got {concurrency}.");

        context.Log($"probing {targets.Count} targets, {concurrency} at a time");
        using var prober = new HttpProber(settings, options, clock);
        var outcomes = new ProbeOutcome[targets.Count];
        var progress = new ProgressCounter(context, targets.Count, "probed", "targets");
        await Parallel.ForEachAsync(
            Enumerable.Range(0, targets.Count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = context.CancellationToken },
            async (index, cancellationToken) =>
            {
                var outcome = await prober.Probe(targets[index], cancellationToken);
                outcomes[index] = outcome;
                context.Log(Describe(outcome.Response), level: outcome.Response.Status is null ? Contracts.Trace.TraceLevel.Warn : Contracts.Trace.TraceLevel.Info);
                progress.ItemFinished();
                context.Heartbeat();
            });

        var now = clock.GetUtcNow();
        var responses = outcomes.Select(o => o.Response).ToList();
        var alive = responses.Where(r => r.Status is not null).Select(r => r.FinalUrl!).Distinct(StringComparer.Ordinal).ToList();
        var findings = outcomes
            .SelectMany(o => ProbeFindings.For(o.Response, o.HasHsts, now))
            .DistinctBy(f => (f.Asset, f.Kind))
            .ToList();
        context.Log($"{alive.Count} of {targets.Count} targets answered; {findings.Count} findings");

        return ModuleResult.From(new Dictionary<string, object?>
        {
            ["responses"] = responses,
            ["alive"] = alive,
            ["findings"] = findings,
        });
    }

    private static ProbeSettings ReadSettings(ModuleContext context)
    {
        var timeoutSeconds = context.Param<double>("timeoutSeconds");
        if (timeoutSeconds <= 0) throw new ModuleException(ModuleErrorKind.Validation, $"'timeoutSeconds' must be more than 0, got {timeoutSeconds}.");
        var maxRedirects = context.Param<int>("maxRedirects");
        if (maxRedirects < 0) throw new ModuleException(ModuleErrorKind.Validation, $"'maxRedirects' must be 0 or more, got {maxRedirects}.");
        return new ProbeSettings(TimeSpan.FromSeconds(timeoutSeconds), context.Param<bool>("followRedirects"), maxRedirects, context.Param<bool>("verifyTls"));
    }

    private static string Describe(ProbeResponse response) =>
        response.Status is null
            ? $"{response.Target}: {response.Error}"
            : $"{response.Target}: {response.Status} {response.FinalUrl}" + (response.Title is null ? "" : $" \"{response.Title}\"");
}
