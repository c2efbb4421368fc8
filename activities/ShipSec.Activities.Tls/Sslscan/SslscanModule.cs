using ShipSec.Contracts.Components;
using ShipSec.Modules;
using ShipSec.Modules.Containers;
using ShipSec.Modules.Descriptors;

namespace ShipSec.Activities.Tls.Sslscan;

/// <summary>
/// <c>tls.sslscan</c>: tests TLS endpoints with sslscan in a container and reports the protocols and cipher suites each accepts,
/// its certificate (subject, issuer, validity, self-signed) and findings such as deprecated protocols or an expiring certificate.
/// </summary>
public sealed class SslscanModule(TimeProvider clock) : ContainerModule
{
    private const string Report = "sslscan.xml";
    private const string TargetsFile = "targets.txt";

    public override ComponentDescriptor Descriptor { get; } = ComponentDescriptorBuilder.Create("tls.sslscan", "TLS scan (sslscan)")
        .Category("tls")
        .Description(
            "Connects to each TLS endpoint with sslscan and lists the SSL/TLS protocol versions and cipher suites it accepts, checks for " +
            "Heartbleed and insecure renegotiation, and reads the certificate's subject, issuer and validity. Findings flag SSLv2/3 and " +
            "TLS 1.0/1.1, weak ciphers, expired, expiring or self-signed certificates and short RSA keys.")
        .Input("targets", "Targets", ConnectionType.ListOf(ConnectionType.Text), description: "host, host:port or https:// URLs (port 443 when none is given).")
        .Output("results", "Results", ConnectionType.ListOf(ConnectionType.Json),
            "{host, port, sniName, endpoint, protocols[{name, enabled}], ciphers[{protocol, name, bits, strength, preferred}], certificate{subject, issuer, selfSigned, notBefore, notAfter, expired, signatureAlgorithm, keyType, keyBits}, heartbleedVulnerable, insecureRenegotiation} per endpoint.")
        .Output("errors", "Errors", ConnectionType.ListOf(ConnectionType.Text), "Endpoints sslscan could not test, with its reason.")
        .Output("findings", "Findings", ConnectionType.ListOf(ConnectionType.Json), "{asset, kind, severity, title, evidence}.")
        .ListParameter("targets", "Targets", description: "Used when the targets input is not connected.")
        .RunsInDocker("ghcr.io/shipsecai/sslscan:2.0.7", network: "operator")
        .DefaultTimeout(TimeSpan.FromMinutes(20))
        .Build();

    protected override string? LocalImage => "shipsec/sslscan:local";

    protected override ContainerAttempt Prepare(ModuleContext context, ContainerSpec spec)
    {
        var endpoints = TargetList.Read(context).Select(Endpoint).Distinct(StringComparer.Ordinal).ToList();
        context.Log($"testing {endpoints.Count} TLS endpoints");
        var tested = 0;
        return new ContainerAttempt(
            spec with
            {
                Entrypoint = ["sslscan"],
                Command = ["--no-colour", $"--xml={ContainerPaths.Output(Report)}", $"--targets={ContainerPaths.Input(TargetsFile)}"],
                NeedsNetwork = true,
                InputFiles = [ContainerInputFile.FromLines(TargetsFile, endpoints)],
            },
            result => Interpret(context, result),
            line =>
            {
                // sslscan announces each endpoint it starts ("Testing SSL server … on port …").
                if (line.Text.StartsWith("Testing SSL server ", StringComparison.Ordinal))
                {
                    tested++;
                    context.Progress(tested, endpoints.Count, $"testing {tested}/{endpoints.Count}", "endpoints");
                }
            });
    }

    private ModuleResult Interpret(ModuleContext context, ContainerResult result)
    {
        var report = result.OutputFile(Report) ?? throw new ModuleException(ModuleErrorKind.Container, "sslscan finished without writing its XML report.");
        IReadOnlyList<TlsScan> scans;
        IReadOnlyList<string> errors;
        using (var xml = report.OpenRead())
            (scans, errors) = SslscanXml.Parse(xml);
        var now = clock.GetUtcNow();
        var findings = scans.SelectMany(s => TlsFindings.For(s, now)).ToList();
        context.Log($"{scans.Count} endpoints tested, {errors.Count} unreachable, {findings.Count} findings");
        return ModuleResult.From(new Dictionary<string, object?>
        {
            ["results"] = scans,
            ["errors"] = errors,
            ["findings"] = findings,
        });
    }

    /// <summary>host[:port] for sslscan: URLs lose their scheme and path (https implies 443), bare hosts and host:port stay.</summary>
    public static string Endpoint(string target)
    {
        if (!target.Contains("://", StringComparison.Ordinal)) return target;
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new ModuleException(ModuleErrorKind.Validation, $"Target '{target}' is not a valid URL.");
        return $"{(uri.HostNameType == UriHostNameType.IPv6 ? $"[{uri.IdnHost}]" : uri.IdnHost)}:{uri.Port}";
    }
}
