using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ShipSec.Runtime.Persistence;

namespace ShipSec.Server.Auth;

/// <summary>
/// Authenticates a request by the API key in <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-API-Key: &lt;key&gt;</c>, and
/// answers a refused request with a 401 ProblemDetails and <c>WWW-Authenticate: Bearer</c> naming what is wrong.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyStore keys,
    ApiKeyPresence presence,
    IProblemDetailsService problems,
    IOptions<ApiAuthOptions> options)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ApiKeyHeader = "X-API-Key";

    private const string BearerPrefix = "Bearer ";
    private const string HowToSend = "Send it as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.";

    /// <summary>The key the request carries (Authorization bearer first, then X-API-Key), or null when it carries none.</summary>
    public static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            return authorization[BearerPrefix.Length..].Trim() is { Length: > 0 } bearer ? bearer : null;
        return request.Headers[ApiKeyHeader].ToString().Trim() is { Length: > 0 } key ? key : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        if (presented is null) return AuthenticateResult.NoResult();
        var key = await keys.VerifyAsync(presented, Context.RequestAborted);
        if (key is null) return AuthenticateResult.Fail("unknown or revoked API key");
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, key.Id), new Claim(ClaimTypes.Name, key.Name)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var (title, detail) = await RefusalAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = title, Detail = detail },
        });
    }

    /// <summary>Why the request was refused, without ever repeating the key it sent.</summary>
    private async Task<(string Title, string Detail)> RefusalAsync()
    {
        if (PresentedKey(Request) is not null)
        {
            return ("Unknown or revoked API key",
                "unknown or revoked API key: the key sent with this request matches no active key. Check it was copied whole, or create a new one.");
        }
        if (await presence.AnyActiveAsync(Context.RequestAborted)) return ("Missing API key", $"missing API key: this route requires one. {HowToSend}");
        if (options.Value.Mode == ApiAuthMode.Auto && !ApiKeyRequirementHandler.IsLocal(Context.Connection.RemoteIpAddress))
        {
            return ("Missing API key",
                "missing API key: no API key exists yet, and until one does the API answers only clients on the server's own machine. " +
                $"Create one there (POST /api/v1/api-keys from the server host, or 'ShipSec.Server api-key create --name <name>'), then send it. {HowToSend}");
        }

        var create = options.Value.Mode == ApiAuthMode.Auto
            ? "create one with POST /api/v1/api-keys or 'ShipSec.Server api-key create --name <name>'"
            : "create one with 'ShipSec.Server api-key create --name <name>' or set ShipSec__Auth__BootstrapKey";
        return ("Missing API key", $"missing API key: this route requires one and no API key exists yet; {create}, then send it. {HowToSend}");
    }
}
