using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ShipSec.Contracts.Components;
using ShipSec.Modules;
using ShipSec.Modules.Descriptors;

namespace ShipSec.Activities.Core.Http;

/// <summary><c>core.http.request</c>: sends one HTTP request and outputs the response; HTTP error statuses are data unless <c>failOnHttpError</c>.</summary>
public sealed class HttpRequestModule(IHttpClientFactory httpClients) : IModule
{
    /// <summary>Name of the <see cref="HttpClient"/> this module asks <see cref="IHttpClientFactory"/> for.</summary>
    public const string ClientName = "core.http.request";

    /// <summary>Responses larger than this are cut, so one request cannot flood a run's stored outputs.</summary>
    public const int MaxBodyBytes = 10 * 1024 * 1024;

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    public ComponentDescriptor Descriptor { get; } = ComponentDescriptorBuilder.Create("core.http.request", "HTTP request")
        .Category("core")
        .Description(
            "Sends an HTTP request and outputs status, headers and body (parsed when the response is JSON). " +
            "Non-2xx statuses are normal outputs unless failOnHttpError is set; an unreachable host is a retryable network error.")
        .Input("url", "URL", ConnectionType.Text, description: "Absolute http(s) URL; overrides the url parameter when connected.")
        .Input("headers", "Headers", ConnectionType.MapOf(ConnectionType.Text), description: "Request headers; overrides the headers parameter when connected.")
        .Input("body", "Body", ConnectionType.Text, description: "Request body; overrides the body parameter when connected.")
        .Output("status", "Status", ConnectionType.Number)
        .Output("statusText", "Status text", ConnectionType.Text)
        .Output("headers", "Headers", ConnectionType.MapOf(ConnectionType.Text))
        .Output("data", "Data", ConnectionType.Any, "The body parsed as JSON when the response is JSON, else the body text.")
        .Output("rawBody", "Raw body", ConnectionType.Text)
        .TextParameter("url", "URL", description: "Absolute http(s) URL.")
        .SelectParameter("method", "Method", Methods, "GET")
        .JsonParameter("headers", "Headers", description: "Request headers as {name: value}.")
        .TextParameter("body", "Body", description: "Request body; sent as application/json when it is JSON, else text/plain, unless a Content-Type header is set.", multiline: true)
        .NumberParameter("timeoutSeconds", "Timeout (s)", 30, "Time allowed for the whole request.", min: 1)
        .BooleanParameter("failOnHttpError", "Fail on HTTP error", false, "Fail the node when the status is not 2xx (5xx and 429 are retryable).")
        .DefaultTimeout(TimeSpan.FromMinutes(2))
        .Build();

    public async Task<ModuleResult> ExecuteAsync(ModuleContext context)
    {
        var url = ReadUrl(context);
        var method = (context.Param<string>("method") ?? "GET").Trim().ToUpperInvariant();
        if (!Methods.Contains(method))
            throw new ModuleException(ModuleErrorKind.Validation, $"'method' must be one of {string.Join(", ", Methods)}, got '{method}'.");
        var headers = context.InputOrParam<Dictionary<string, string>>("headers") ?? [];
        var body = context.InputOrParam<string>("body");
        var timeout = TimeSpan.FromSeconds(context.Param<double>("timeoutSeconds"));
        if (timeout <= TimeSpan.Zero)
            throw new ModuleException(ModuleErrorKind.Validation, "'timeoutSeconds' must be more than 0.");

        using var request = BuildRequest(new HttpMethod(method), url, headers, body);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        deadline.CancelAfter(timeout);
        var target = url.GetLeftPart(UriPartial.Path);

        var client = httpClients.CreateClient(ClientName);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var (rawBody, truncated) = await ReadBody(response.Content, deadline.Token);
            if (truncated)
                context.Log($"response body cut at {MaxBodyBytes} bytes", level: Contracts.Trace.TraceLevel.Warn);

            var status = (int)response.StatusCode;
            context.Log($"{method} {target} -> {status} {response.ReasonPhrase} ({Encoding.UTF8.GetByteCount(rawBody)} bytes)");
            if (context.Param<bool>("failOnHttpError") && !response.IsSuccessStatusCode)
                throw HttpError(response.StatusCode, response.ReasonPhrase, method, target, rawBody);

            return ModuleResult.From(new Dictionary<string, object?>
            {
                ["status"] = status,
                ["statusText"] = response.ReasonPhrase ?? "",
                ["headers"] = FlattenHeaders(response),
                ["data"] = ParseData(response.Content.Headers.ContentType, rawBody, truncated),
                ["rawBody"] = rawBody,
            });
        }
        catch (OperationCanceledException) when (!context.CancellationToken.IsCancellationRequested)
        {
            throw new ModuleException(ModuleErrorKind.Timeout, $"{method} {target} did not complete within {timeout.TotalSeconds:0.###} s.");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new ModuleException(ModuleErrorKind.Network, $"Could not reach {target}: {e.Message}", inner: e);
        }
    }

    private static Uri ReadUrl(ModuleContext context)
    {
        var text = context.InputOrParam<string>("url");
        if (string.IsNullOrWhiteSpace(text))
            throw new ModuleException(ModuleErrorKind.Validation, "Set the 'url' parameter or connect the 'url' input.");
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            throw new ModuleException(ModuleErrorKind.Validation, $"'url' must be an absolute http or https URL, got '{text}'.");
        return url;
    }

    private static HttpRequestMessage BuildRequest(HttpMethod method, Uri url, Dictionary<string, string> headers, string? body)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(LooksLikeJson(body) ? "application/json" : "text/plain") { CharSet = "utf-8" };
        }
        foreach (var (name, value) in headers)
        {
            if (request.Headers.TryAddWithoutValidation(name, value)) continue;
            if (request.Content is null)
                throw new ModuleException(ModuleErrorKind.Validation, $"Header '{name}' describes a body, but the request has none: set 'body'.");
            request.Content.Headers.Remove(name);
            if (!request.Content.Headers.TryAddWithoutValidation(name, value))
                throw new ModuleException(ModuleErrorKind.Validation, $"Header '{name}' cannot be set on a request.");
        }
        return request;
    }

    private static async Task<(string Body, bool Truncated)> ReadBody(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var kept = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while (kept.Length <= MaxBodyBytes && (n = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            kept.Write(chunk, 0, n);
        var truncated = kept.Length > MaxBodyBytes;
        var encoding = content.Headers.ContentType?.CharSet is { } charset ? EncodingOf(charset) : Encoding.UTF8;
        return (encoding.GetString(kept.GetBuffer(), 0, (int)Math.Min(kept.Length, MaxBodyBytes)), truncated);
    }

    private static Encoding EncodingOf(string charset)
    {
        try
        {
            return Encoding.GetEncoding(charset.Trim('"'));
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }

    private static Dictionary<string, string> FlattenHeaders(HttpResponseMessage response) =>
        response.Headers.Concat(response.Content.Headers)
            .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key.ToLowerInvariant(), g => string.Join(", ", g.SelectMany(h => h.Value)));

    private static object? ParseData(MediaTypeHeaderValue? contentType, string body, bool truncated)
    {
        var mediaType = contentType?.MediaType ?? "";
        var isJson = mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                     || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
        if (!isJson || truncated || body.Length == 0) return body;
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return body;
        }
    }

    private static bool LooksLikeJson(string body)
    {
        var trimmed = body.TrimStart();
        if (trimmed.Length == 0 || (trimmed[0] != '{' && trimmed[0] != '[')) return false;
        try
        {
            using var _ = JsonDocument.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static ModuleException HttpError(HttpStatusCode status, string? reason, string method, string target, string body)
    {
        var code = (int)status;
        var kind = status switch
        {
            HttpStatusCode.TooManyRequests => ModuleErrorKind.RateLimit,
            HttpStatusCode.Unauthorized => ModuleErrorKind.Authentication,
            HttpStatusCode.Forbidden => ModuleErrorKind.Permission,
            HttpStatusCode.NotFound => ModuleErrorKind.NotFound,
            _ when code >= 500 => ModuleErrorKind.Service,
            _ => ModuleErrorKind.Http,
        };
        var excerpt = body.Length > 500 ? body[..500] : body;
        return new ModuleException(kind, $"{method} {target} answered {code} {reason}.", new { status = code, statusText = reason, body = excerpt });
    }
}
