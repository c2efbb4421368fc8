using System.Globalization;
using System.Text.RegularExpressions;
using ShipSec.Contracts.Components;
using ShipSec.Modules;
using ShipSec.Modules.Containers;
using ShipSec.Modules.Descriptors;
using ShipSec.Modules.Findings;

namespace ShipSec.Activities.Web.ContentDiscovery;

/// <summary><c>web.content.discovery</c>: finds unlinked paths on web servers by requesting a wordlist with ffuf in a container.</summary>
public sealed partial class ContentDiscoveryModule : ContainerModule
{
    private const string Report = "ffuf.json";
    private const string TargetsFile = "targets.txt";
    private const string WordlistFile = "wordlist.txt";
    private const int MaxWords = 100_000;

    /// <summary>Used when no wordlist is given: common administrative, backup and metadata paths.</summary>
    public static readonly IReadOnlyList<string> DefaultWordlist =
    [
        ".env", ".git/HEAD", ".git/config", ".htaccess", ".DS_Store", "admin", "administrator", "api", "api/v1", "backup", "backups",
        "config", "console", "dashboard", "debug", "docs", "env", "graphql", "health", "login", "manage", "metrics", "phpinfo.php",
        "phpmyadmin", "robots.txt", "server-status", "sitemap.xml", "status", "swagger", "swagger.json", "test", "uploads",
        "web.config", "wp-admin", "wp-login.php", ".well-known/security.txt",
    ];

    // Paths whose mere presence leaks source, secrets or internals.
    private static readonly string[] SensitiveMarkers = [".env", ".git", ".htaccess", ".DS_Store", "backup", "phpinfo", "server-status", "web.config", "debug", ".sql", ".bak"];

    public override ComponentDescriptor Descriptor { get; } = ComponentDescriptorBuilder.Create("web.content.discovery", "Content discovery (ffuf)")
        .Category("web")
        .Description(
            "Requests every word of a wordlist as a path under each base URL with ffuf and reports the paths that answer with an " +
            "interesting status (by default 200, 204, 301, 302, 307, 401, 403). Without a wordlist a short built-in list of " +
            "administrative, backup and metadata paths is used. Findings flag exposed secrets, repositories and debug pages.")
        .Input("targets", "Base URLs", ConnectionType.ListOf(ConnectionType.Text), description: "http(s) base URLs; a bare host means http://host.")
        .Input("wordlist", "Wordlist", ConnectionType.ListOf(ConnectionType.Text), description: "Paths to try; when connected, replaces the parameter.")
        .Output("results", "Results", ConnectionType.ListOf(ConnectionType.Json), "{url, path, status, length, words, lines, redirectLocation} per path found.")
        .Output("urls", "URLs", ConnectionType.ListOf(ConnectionType.Text), "Every URL found.")
        .Output("findings", "Findings", ConnectionType.ListOf(ConnectionType.Json), "{asset, kind, severity, title, evidence}.")
        .ListParameter("targets", "Base URLs", description: "Used when the targets input is not connected.")
        .TextParameter("wordlist", "Wordlist", description: "One path per line; empty uses the built-in list.", multiline: true)
        .TextParameter("matchCodes", "Status codes to report", "200,204,301,302,307,401,403")
        .TextParameter("extensions", "Extensions", description: "Also try each word with these extensions, e.g. .php,.bak")
        .NumberParameter("threads", "Concurrent requests", 20, min: 1, max: 200)
        .RunsInDocker("ghcr.io/shipsecai/ffuf:2.1.0", network: "operator")
        .DefaultTimeout(TimeSpan.FromMinutes(30))
        .Build();

    protected override string? LocalImage => "shipsec/ffuf:local";

    protected override ContainerAttempt Prepare(ModuleContext context, ContainerSpec spec)
    {
        var bases = TargetList.Read(context).Select(BaseUrl).Distinct(StringComparer.Ordinal).ToList();
        var words = Wordlist(context);
        var matchCodes = (context.Param<string>("matchCodes") ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (!StatusCodes().IsMatch(matchCodes))
            throw new ModuleException(ModuleErrorKind.Validation, $"'matchCodes' must be comma-separated status codes, got '{matchCodes}'.");
        var extensions = (context.Param<string>("extensions") ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (extensions.Length > 0 && !Extensions().IsMatch(extensions))
            throw new ModuleException(ModuleErrorKind.Validation, $"'extensions' must look like .php,.bak, got '{extensions}'.");
        var threads = context.Param<int>("threads");
        if (threads is < 1 or > 200) throw new ModuleException(ModuleErrorKind.Validation, $"'threads' must be between 1 and 200, got {threads}.");

        // Base URLs and words both come from files bound to keywords; the URL template is ours alone.
        var argv = new List<string>
        {
            "-w", $"{ContainerPaths.Input(TargetsFile)}:SHIPSECBASE", "-w", $"{ContainerPaths.Input(WordlistFile)}:FUZZ", "-u", "SHIPSECBASE/FUZZ",
            "-mc", matchCodes, "-t", threads.ToString(CultureInfo.InvariantCulture), "-o", ContainerPaths.Output(Report), "-of", "json",
        };
        if (extensions.Length > 0) argv.AddRange(["-e", extensions]);
        context.Log($"trying {words.Count} words on {bases.Count} base URLs");
        return new ContainerAttempt(
            spec with
            {
                Entrypoint = ["ffuf"],
                Command = argv,
                Environment = new Dictionary<string, string> { ["HOME"] = "/tmp" },
                NeedsNetwork = true,
                InputFiles = [ContainerInputFile.FromLines(TargetsFile, bases), ContainerInputFile.FromLines(WordlistFile, words)],
            },
            result => Interpret(context, result),
            line =>
            {
                if (ProgressLine().Match(line.Text) is { Success: true } progress)
                {
                    var done = long.Parse(progress.Groups["done"].Value, CultureInfo.InvariantCulture);
                    var total = long.Parse(progress.Groups["total"].Value, CultureInfo.InvariantCulture);
                    context.Progress(done, total, $"requested {done}/{total}", "requests");
                }
            });
    }

    private static ModuleResult Interpret(ModuleContext context, ContainerResult result)
    {
        IReadOnlyList<DiscoveredContent> results = [];
        if (result.OutputFile(Report) is { } report)
        {
            using var json = report.OpenRead();
            results = FfufJson.Parse(json);
        }
        var findings = results.Select(Finding).ToList();
        context.Log($"{results.Count} paths found");
        return ModuleResult.From(new Dictionary<string, object?>
        {
            ["results"] = results,
            ["urls"] = results.Select(r => r.Url).Distinct(StringComparer.Ordinal).ToList(),
            ["findings"] = findings,
        });
    }

    private static Finding Finding(DiscoveredContent content)
    {
        var sensitive = content.Status is >= 200 and < 300 && SensitiveMarkers.Any(m => content.Path.Contains(m, StringComparison.OrdinalIgnoreCase));
        return sensitive
            ? new Finding(content.Url, "web.sensitive-content", FindingSeverity.Medium, $"Sensitive path exposed: {content.Path}", $"HTTP {content.Status}, {content.Length} bytes")
            : new Finding(content.Url, "web.content.discovered", FindingSeverity.Info, $"Unlinked path answers: {content.Path}",
                $"HTTP {content.Status}, {content.Length} bytes" + (content.RedirectLocation is null ? "" : $", redirects to {content.RedirectLocation}"));
    }

    private static List<string> Wordlist(ModuleContext context)
    {
        var given = context.Inputs.ContainsKey("wordlist")
            ? context.Input<List<string>>("wordlist") ?? []
            : (context.Param<string>("wordlist") ?? "").Split('\n').ToList();
        var words = given.Select(w => w.Trim().TrimStart('/')).Where(w => w.Length > 0 && !w.StartsWith('#')).Distinct(StringComparer.Ordinal).ToList();
        if (words.Count == 0) return [.. DefaultWordlist];
        if (words.Count > MaxWords) throw new ModuleException(ModuleErrorKind.Validation, $"The wordlist has {words.Count} entries; at most {MaxWords} are allowed.");
        if (words.FirstOrDefault(w => w.Any(char.IsWhiteSpace)) is { } bad)
            throw new ModuleException(ModuleErrorKind.Validation, $"Wordlist entry '{bad}' contains whitespace.");
        return words;
    }

    /// <summary>The base URL requests are built on: scheme and host kept, a trailing slash dropped, http assumed for a bare host.</summary>
    public static string BaseUrl(string target)
    {
        var url = target.Contains("://", StringComparison.Ordinal) ? target : "http://" + target;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ModuleException(ModuleErrorKind.Validation, $"Target '{target}' is not an http(s) URL.");
        return url.TrimEnd('/');
    }

    [GeneratedRegex(@"^\d{3}(,\d{3})*$")]
    private static partial Regex StatusCodes();

    [GeneratedRegex(@"^\.[A-Za-z0-9]{1,10}(,\.[A-Za-z0-9]{1,10})*$")]
    private static partial Regex Extensions();

    [GeneratedRegex(@"Progress: \[(?<done>\d+)/(?<total>\d+)\]")]
    private static partial Regex ProgressLine();
}
