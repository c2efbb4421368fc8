using System.Globalization;
using System.Text.Json;
using ShipSec.Contracts.Components;
using ShipSec.Modules;
using ShipSec.Modules.Containers;
using ShipSec.Modules.Descriptors;
using ShipSec.Modules.Findings;

namespace ShipSec.Activities.Web.Httpx;

/// <summary><c>web.httpx</c>: probes hosts and URLs for live HTTP services with ProjectDiscovery's httpx in a container.</summary>
public sealed class HttpxModule : ContainerModule
{
    private const string Report = "httpx.jsonl";
    private const string TargetsFile = "targets.txt";

    public override ComponentDescriptor Descriptor { get; } = ComponentDescriptorBuilder.Create("web.httpx", "HTTP probe (httpx)")
        .Category("web")
        .Description(
            "Probes hosts, host:port pairs and URLs with ProjectDiscovery's httpx and reports the live HTTP services: final URL, " +
            "status, title, web server, content type and length, and detected technologies.")
        .Input("targets", "Targets", ConnectionType.ListOf(ConnectionType.Text), description: "Hosts, host:port or URLs.")
        .Output("responses", "Responses", ConnectionType.ListOf(ConnectionType.Json),
            "{url, input, status, title, webServer, contentType, contentLength, technologies, host, port, scheme} per live service.")
        .Output("alive", "Alive", ConnectionType.ListOf(ConnectionType.Text), "URLs that answered.")
        .Output("findings", "Findings", ConnectionType.ListOf(ConnectionType.Json), "{asset, kind, severity, title, evidence}.")
        .ListParameter("targets", "Targets", description: "Used when the targets input is not connected.")
        .TextParameter("ports", "Ports", description: "Ports to probe on bare hosts, e.g. 80,443,8080; empty uses httpx's default.")
        .BooleanParameter("followRedirects", "Follow redirects", true)
        .NumberParameter("threads", "Threads", 25, min: 1, max: 200)
        .NumberParameter("timeoutSeconds", "Timeout per request (s)", 10, min: 1, max: 120)
        .RunsInDocker("projectdiscovery/httpx:v1.6.8", network: "operator")
        .DefaultTimeout(TimeSpan.FromMinutes(20))
        .Build();

    protected override ContainerAttempt Prepare(ModuleContext context, ContainerSpec spec)
    {
        var targets = TargetList.Read(context);
        var argv = new List<string>
        {
            "-l", ContainerPaths.Input(TargetsFile), "-json", "-o", ContainerPaths.Output(Report), "-no-color", "-disable-update-check",
            "-status-code", "-title", "-web-server", "-tech-detect", "-content-type", "-content-length",
            "-threads", Number(context, "threads", 1, 200), "-timeout", Number(context, "timeoutSeconds", 1, 120),
        };
        if (context.Param<bool>("followRedirects")) argv.Add("-follow-redirects");
        if (context.Param<string>("ports") is { Length: > 0 } ports) argv.AddRange(["-ports", PortList.Check(ports, "ports")]);
        return new ContainerAttempt(
            spec with
            {
                Entrypoint = ["httpx"],
                Command = argv,
                Environment = new Dictionary<string, string> { ["HOME"] = "/tmp" },
                NeedsNetwork = true,
                InputFiles = [ContainerInputFile.FromLines(TargetsFile, targets)],
            },
            result => Interpret(context, result));
    }

    private static ModuleResult Interpret(ModuleContext context, ContainerResult result)
    {
        var responses = HttpxJsonl.Parse(JsonLines.Parse(result.OutputFile(Report), out var skipped));
        if (skipped > 0) context.Log($"{skipped} unreadable lines in httpx output were skipped", level: Contracts.Trace.TraceLevel.Warn);
        var alive = responses.Select(r => r.Url).Distinct(StringComparer.Ordinal).ToList();
        context.Log($"{alive.Count} live HTTP services");
        return ModuleResult.From(new Dictionary<string, object?>
        {
            ["responses"] = responses,
            ["alive"] = alive,
            ["findings"] = responses.SelectMany(HttpxJsonl.Findings).ToList(),
        });
    }

    private static string Number(ModuleContext context, string id, int min, int max)
    {
        var value = context.Param<int>(id);
        if (value < min || value > max) throw new ModuleException(ModuleErrorKind.Validation, $"'{id}' must be between {min} and {max}, got {value}.");
        return value.ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>One live HTTP service as httpx reports it.</summary>
public sealed record HttpxResponse(
    string Url, string? Input, int? Status, string? Title, string? WebServer, string? ContentType, long? ContentLength,
    IReadOnlyList<string> Technologies, string? Host, string? Port, string? Scheme);

/// <summary>Reads httpx's JSON lines (<c>-json</c>; snake_case fields such as <c>status_code</c>, <c>webserver</c>, <c>tech</c>).</summary>
public static class HttpxJsonl
{
    public static IReadOnlyList<HttpxResponse> Parse(IEnumerable<JsonElement> lines) =>
    [
        .. lines.Where(l => l.String("url") is not null && l.Boolean("failed") != true).Select(l => new HttpxResponse(
            l.String("url")!, l.String("input"), (int?)l.Integer("status_code") ?? (int?)l.Integer("status-code"), l.String("title"),
            l.String("webserver"), l.String("content_type") ?? l.String("content-type"), l.Integer("content_length") ?? l.Integer("content-length"),
            l.Strings("tech"), l.String("host"), l.String("port"), l.String("scheme"))),
    ];

    public static IEnumerable<Finding> Findings(HttpxResponse response)
    {
        yield return new Finding(response.Url, "web.http-service", FindingSeverity.Info, $"HTTP service answers with {response.Status}",
            string.Join(", ", new[] { response.Title is null ? null : $"title \"{response.Title}\"", response.WebServer, string.Join(", ", response.Technologies) }.Where(s => !string.IsNullOrEmpty(s))));
        if (response.Scheme == "http")
            yield return new Finding(response.Url, "http.cleartext", FindingSeverity.Info, "Service answers over clear-text HTTP", $"{response.Status} on {response.Url}");
    }
}
