using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AngleSharp.Html.Parser;

namespace ShipSec.Activities.Web.Probe;

/// <summary>The result of probing one target: the response as output, and whether it carried HSTS (for findings).</summary>
internal sealed record ProbeOutcome(ProbeResponse Response, bool HasHsts);

/// <summary>
/// Probes URLs for one run. It owns its own handler rather than a shared pooled one: certificates are captured in the
/// TLS handshake callback, which a connection pooled by an earlier run would skip, and <c>verifyTls</c> differs per run.
/// </summary>
internal sealed class HttpProber : IDisposable
{
    private readonly HttpClient _client;
    private readonly ProbeSettings _settings;
    private readonly HttpProbeOptions _options;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, TlsCertificateInfo> _certificates = new(StringComparer.OrdinalIgnoreCase);

    public HttpProber(ProbeSettings settings, HttpProbeOptions options, TimeProvider clock)
    {
        _settings = settings;
        _options = options;
        _clock = clock;
        var handler = options.CreateHandler();
        handler.AllowAutoRedirect = false;
        handler.UseCookies = false;
        handler.AutomaticDecompression = DecompressionMethods.All;
        handler.ServerCertificateCustomValidationCallback = OnServerCertificate;
        _client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
    }

    public async Task<ProbeOutcome> Probe(ProbeTarget target, CancellationToken cancellationToken)
    {
        if (target.Problem is not null)
            return new ProbeOutcome(new ProbeResponse { Target = target.Text, Url = target.Text, Error = target.Problem }, false);

        var errors = new List<string>();
        foreach (var candidate in target.Candidates)
        {
            var (outcome, error) = await ProbeUrl(target.Text, candidate, cancellationToken);
            if (outcome is not null) return outcome;
            errors.Add(target.Candidates.Count > 1 ? $"{candidate.Scheme}: {error}" : error!);
        }
        return new ProbeOutcome(new ProbeResponse
        {
            Target = target.Text,
            Url = target.Candidates[^1].ToString(),
            Error = string.Join("; ", errors),
        }, false);
    }

    public void Dispose() => _client.Dispose();

    private async Task<(ProbeOutcome? Outcome, string? Error)> ProbeUrl(string target, Uri url, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_settings.Timeout);
        var chain = new List<RedirectHop>();
        var current = url;
        try
        {
            while (true)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                var status = (int)response.StatusCode;
                var location = response.Headers.Location;

                string? error = null;
                if (status is >= 300 and < 400 && location is not null && _settings.FollowRedirects)
                {
                    var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                    if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
                        error = $"redirect to unsupported scheme: {next}";
                    else if (chain.Count >= _settings.MaxRedirects)
                        error = $"stopped after {_settings.MaxRedirects} redirects";
                    else
                    {
                        chain.Add(new RedirectHop(current.ToString(), status));
                        current = next;
                        continue;
                    }
                }

                return (await Describe(target, url, current, response, chain, error, deadline.Token), null);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"no answer within {_settings.Timeout.TotalSeconds:0.###} s");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return (null, Explain(e));
        }
    }

    private async Task<ProbeOutcome> Describe(
        string target, Uri url, Uri final, HttpResponseMessage response, List<RedirectHop> chain, string? error, CancellationToken cancellationToken)
    {
        var (body, complete) = await ReadBody(response.Content, cancellationToken);
        var contentType = response.Content.Headers.ContentType?.MediaType;
        var tls = final.Scheme == Uri.UriSchemeHttps && _certificates.TryGetValue(Authority(final), out var certificate) ? certificate : null;

        return new ProbeOutcome(new ProbeResponse
        {
            Target = target,
            Url = url.ToString(),
            FinalUrl = final.ToString(),
            Status = (int)response.StatusCode,
            Title = Title(body, contentType, response.Content.Headers.ContentType?.CharSet),
            Server = response.Headers.Server.Count > 0 ? response.Headers.Server.ToString() : null,
            ContentLength = response.Content.Headers.ContentLength ?? (complete ? body.Length : null),
            ContentType = contentType,
            RedirectChain = chain,
            Tls = tls,
            Error = error,
        }, response.Headers.Contains("Strict-Transport-Security"));
    }

    private async Task<(byte[] Body, bool Complete)> ReadBody(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var kept = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        while (kept.Length <= _options.MaxBodyBytes && (n = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            kept.Write(chunk, 0, n);
        var complete = kept.Length <= _options.MaxBodyBytes;
        return (kept.GetBuffer().AsSpan(0, (int)Math.Min(kept.Length, _options.MaxBodyBytes)).ToArray(), complete);
    }

    private static string? Title(byte[] body, string? contentType, string? charset)
    {
        var looksHtml = contentType?.Contains("html", StringComparison.OrdinalIgnoreCase)
                        ?? (body.Length > 0 && body.AsSpan().TrimStart(" \t\r\n"u8).StartsWith("<"u8));
        if (!looksHtml || body.Length == 0) return null;

        var encoding = Encoding.UTF8;
        if (charset is not null)
        {
            try { encoding = Encoding.GetEncoding(charset.Trim('"')); }
            catch (ArgumentException) { }
        }
        var document = new HtmlParser().ParseDocument(encoding.GetString(body));
        var title = string.Join(' ', document.Title?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) ?? []);
        return title.Length > 0 ? title : null;
    }

    private bool OnServerCertificate(HttpRequestMessage request, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is not null && request.RequestUri is { } uri)
            _certificates[Authority(uri)] = Capture(certificate, errors);
        return !_settings.VerifyTls || errors == SslPolicyErrors.None;
    }

    private TlsCertificateInfo Capture(X509Certificate2 certificate, SslPolicyErrors errors)
    {
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        return new TlsCertificateInfo
        {
            Subject = certificate.Subject,
            Issuer = certificate.Issuer,
            NotBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            NotAfter = notAfter,
            DaysUntilExpiry = (int)Math.Floor((notAfter - _clock.GetUtcNow()).TotalDays),
            SelfSigned = certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData),
            Sha256Thumbprint = Convert.ToHexStringLower(SHA256.HashData(certificate.RawData)),
            ValidationErrors = Enum.GetValues<SslPolicyErrors>()
                .Where(flag => flag != SslPolicyErrors.None && errors.HasFlag(flag))
                .Select(flag => flag.ToString())
                .ToList(),
        };
    }

    private static string Authority(Uri uri) => $"{uri.IdnHost}:{uri.Port}";

    /// <summary>HttpClient's outer message is generic ("The SSL connection could not be established"); the innermost one says why.</summary>
    private static string Explain(Exception e)
    {
        var innermost = e;
        while (innermost.InnerException is not null) innermost = innermost.InnerException;
        return ReferenceEquals(innermost, e) || e.Message.Contains(innermost.Message, StringComparison.Ordinal)
            ? e.Message
            : $"{e.Message} {innermost.Message}";
    }
}

/// <summary>The per-run parameters of the prober.</summary>
internal sealed record ProbeSettings(TimeSpan Timeout, bool FollowRedirects, int MaxRedirects, bool VerifyTls);
