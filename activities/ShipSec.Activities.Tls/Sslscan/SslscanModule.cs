using ShipSec.Contracts.Components;
using ShipSec.Modules;
using ShipSec.Modules.Progress;
using ShipSec.Modules.Containers;
using ShipSec.Modules.Descriptors;

namespace ShipSec.Activities.Tls.Sslscan;

/// <summary>
/// <c>tls.sslscan</c>: tests TLS endpoints with sslscan and reports the protocols and cipher suites each accepts, its certificate
/// (subject, issuer, validity, self-signed) and findings such as deprecated protocols or an expiring certificate.
/// </summary>
/// <remarks>
/// Each endpoint gets its own container: sslscan aborts its whole target list when one endpoint breaks the connection (a plain
/// HTTP port answering the ClientHello), so one bad endpoint must not cost the others their results.
/// </remarks>
public sealed class SslscanModule(TimeProvider clock) : IModule
{
    private const string TargetFile = "target.txt";

    public ComponentDescriptor Descriptor { get; } = ComponentDescriptorBuilder.Create("tls.sslscan", "TLS scan (sslscan)")
        .Category("tls")
        .Description(
            "Connects to each TLS endpoint with sslscan and lists the SSL/TLS protocol versions and cipher suites it accepts, checks for " +
            "Heartbleed and insecure renegotiation, and reads the certificate's subject, issuer and validity. Findings flag SSLv2/3 and " +
            "TLS 1.0/1.1, weak ciphers, expired, expiring or self-signed certificates and short RSA keys. Endpoints that do not speak " +
            "TLS are listed in errors.")
        .Input("targets", "Targets", ConnectionType.ListOf(ConnectionType.Text), description: "host, host:port or https:// URLs (port 443 when none is given).")
        .Output("results", "Results", ConnectionType.ListOf(ConnectionType.Json),
            "{host, port, sniName, endpoint, protocols[{name, enabled}], ciphers[{protocol, name, bits, strength, preferred}], certificate{subject, issuer, selfSigned, notBefore, notAfter, expired, signatureAlgorithm, keyType, keyBits}, heartbleedVulnerable, insecureRenegotiation} per endpoint.")
        .Output("errors", "Errors", ConnectionType.ListOf(ConnectionType.Text), "Endpoints sslscan could not test, with its reason.")
        .Output("findings", "Findings", ConnectionType.ListOf(ConnectionType.Json), "{asset, kind, severity, title, evidence}.")
        .ListParameter("targets", "Targets", description: "Used when the targets input is not connected.")
        .NumberParameter("concurrency", "Endpoints tested at once", 4, min: 1, max: 32)
        .RunsInDocker("ghcr.io/shipsecai/sslscan:2.0.7", network: "operator")
        .DefaultTimeout(TimeSpan.FromMinutes(20))
        .Build();

    public async Task<ModuleResult> ExecuteAsync(ModuleContext context)
    {
        var endpoints = TargetList.Read(context).Select(Endpoint).Distinct(StringComparer.Ordinal).ToList();
        var concurrency = context.Param<int>("concurrency");
        if (concurrency is < 1 or > 32) throw new ModuleException(ModuleErrorKind.Validation, $"'concurrency' must be between 1 and 32, got {concurrency}.");
        context.Log($"testing {endpoints.Count} TLS endpoints, {concurrency} at a time");

        var outcomes = new EndpointOutcome[endpoints.Count];
        var progress = new ProgressCounter(context, endpoints.Count, "tested", "endpoints");
        await Parallel.ForEachAsync(
            Enumerable.Range(0, endpoints.Count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = context.CancellationToken },
            async (index, _) =>
            {
                outcomes[index] = await Test(context, endpoints[index], index + 1);
                progress.ItemFinished();
            });

        var scans = outcomes.SelectMany(o => o.Scans).ToList();
        var errors = outcomes.SelectMany(o => o.Errors).ToList();
        var now = clock.GetUtcNow();
        var findings = scans.SelectMany(s => TlsFindings.For(s, now)).ToList();
        context.Log($"{scans.Count} endpoints tested, {errors.Count} errors, {findings.Count} findings");
        return ModuleResult.From(new Dictionary<string, object?>
        {
            ["results"] = scans,
            ["errors"] = errors,
            ["findings"] = findings,
        });
    }

    private static async Task<EndpointOutcome> Test(ModuleContext context, string endpoint, int number)
    {
        var report = $"sslscan-{number}.xml";
        var spec = ContainerSpec.For(context, "shipsec/sslscan:local") with
        {
            Entrypoint = ["sslscan"],
            Command = ["--no-colour", $"--xml={ContainerPaths.Output(report)}", $"--targets={ContainerPaths.Input(TargetFile)}"],
            NeedsNetwork = true,
            InputFiles = [ContainerInputFile.FromLines(TargetFile, [endpoint])],
            // 1: sslscan gave up on the endpoint (refused, reset, not TLS); the report or stderr says why.
            AcceptedExitCodes = [0, 1],
        };
        var output = new ModuleContainerOutput(context);
        using var result = await context.Containers.RunAsync(spec, output, context.CancellationToken);
        output.Complete();
        await ContainerArtifacts.Emit(context, result);

        if (result.OutputFile(report) is not { } file)
            return new EndpointOutcome([], [$"{endpoint}: {Reason(result)}"]);
        IReadOnlyList<TlsScan> reported;
        IReadOnlyList<string> reportErrors;
        try
        {
            using var xml = file.OpenRead();
            (reported, reportErrors) = SslscanXml.Parse(xml);
        }
        catch (ModuleException) when (result.ExitCode != 0)
        {
            // sslscan that gave up on an endpoint sometimes leaves its report unfinished; its exit code and stderr say why.
            return new EndpointOutcome([], [$"{endpoint}: {Reason(result)}"]);
        }
        // A plain service gets an ssltest element too, with nothing accepted in it.
        var scans = reported.Where(s => s.Protocols.Any(p => p.Enabled) || s.Ciphers.Count > 0 || s.Certificate is not null).ToList();
        List<string> errors = [.. reportErrors.Select(e => $"{endpoint}: {e}")];
        if (scans.Count == 0 && errors.Count == 0)
            errors.Add(reported.Count > 0 ? $"{endpoint}: no SSL/TLS protocol accepted (not a TLS service?)" : $"{endpoint}: {Reason(result)}");
        return new EndpointOutcome(scans, errors);
    }

    private static string Reason(ContainerResult result) =>
        result.StderrTail.LastOrDefault(l => !string.IsNullOrWhiteSpace(l))?.Trim() ?? $"sslscan exited with code {result.ExitCode}";

    /// <summary>host[:port] for sslscan: URLs lose their scheme and path (https implies 443), bare hosts and host:port stay.</summary>
    public static string Endpoint(string target)
    {
        if (!target.Contains("://", StringComparison.Ordinal)) return target;
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new ModuleException(ModuleErrorKind.Validation, $"Target '{target}' is not a valid URL.");
        return $"{(uri.HostNameType == UriHostNameType.IPv6 ? $"[{uri.IdnHost}]" : uri.IdnHost)}:{uri.Port}";
    }

    private sealed record EndpointOutcome(IReadOnlyList<TlsScan> Scans, IReadOnlyList<string> Errors);
}
