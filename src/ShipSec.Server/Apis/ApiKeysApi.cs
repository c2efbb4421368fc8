using Microsoft.AspNetCore.Mvc;
using ShipSec.Runtime.Persistence;
using ShipSec.Server.Auth;

namespace ShipSec.Server.Apis;

/// <summary><c>/api-keys</c>: create (the only answer that shows a key), list and revoke the keys that authenticate API requests.</summary>
public static class ApiKeysApi
{
    public static RouteGroupBuilder MapApiKeysApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api-keys").WithTags("API keys");
        group.MapPost("/", CreateAsync).WithName("createApiKey").Produces<CreatedApiKey>(StatusCodes.Status201Created);
        group.MapGet("/", ListAsync).WithName("listApiKeys");
        group.MapDelete("/{id}", RevokeAsync).WithName("revokeApiKey");
        return group;
    }

    public static async Task<IResult> CreateAsync([FromBody] CreateApiKeyRequest? request, ApiKeyStore keys, ApiKeyPresence presence,
        CancellationToken cancellationToken)
    {
        var created = await keys.CreateAsync(request?.Name, cancellationToken);
        presence.Invalidate();
        return TypedResults.Created($"/api/v1/api-keys/{created.Id}", created);
    }

    public static async Task<IResult> ListAsync(ApiKeyStore keys, CancellationToken cancellationToken) =>
        TypedResults.Ok(await keys.ListAsync(cancellationToken));

    /// <summary>Revokes the key (204); requests presenting it are refused from now on.</summary>
    public static async Task<IResult> RevokeAsync(string id, ApiKeyStore keys, ApiKeyPresence presence, CancellationToken cancellationToken)
    {
        await keys.RevokeAsync(id, cancellationToken);
        presence.Invalidate();
        return TypedResults.NoContent();
    }
}

/// <summary>Body of <c>POST /api-keys</c>.</summary>
public sealed record CreateApiKeyRequest(string? Name);
