using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace ShipSec.Server.Auth;

/// <summary>
/// The authorization requirement of <c>/api/v1</c>: an authenticated API key, or, in <see cref="ApiAuthMode.Auto"/> mode, no
/// active key at all and a client on this machine.
/// </summary>
public sealed class ApiKeyRequirement : IAuthorizationRequirement
{
    public const string Policy = "ApiKey";
}

/// <summary>Decides <see cref="ApiKeyRequirement"/>; a refusal becomes the 401 of <see cref="ApiKeyAuthenticationHandler"/>.</summary>
public sealed class ApiKeyRequirementHandler(ApiKeyPresence presence, IOptions<ApiAuthOptions> options) : AuthorizationHandler<ApiKeyRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiKeyRequirement requirement)
    {
        if (context.User.Identity is { IsAuthenticated: true, AuthenticationType: ApiKeyAuthenticationHandler.SchemeName })
        {
            context.Succeed(requirement);
            return;
        }
        if (options.Value.Mode != ApiAuthMode.Auto || context.Resource is not HttpContext http) return;
        // A key that was sent must be valid even while the API is open, so a client learns of a wrong or revoked key at once.
        if (ApiKeyAuthenticationHandler.PresentedKey(http.Request) is not null) return;
        if (http.GetEndpoint()?.Metadata.GetMetadata<ApiKeyAlwaysRequired>() is not null) return;
        // Open without keys only to clients on this machine: a server reachable from a network never runs scans for strangers.
        if (IsLocal(http.Connection.RemoteIpAddress) && !await presence.AnyActiveAsync(http.RequestAborted)) context.Succeed(requirement);
    }

    /// <summary>Whether a request comes from this machine (loopback, or an in-process test client with no address).</summary>
    public static bool IsLocal(IPAddress? remote) =>
        remote is null || IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote);
}
