using ShipSec.Runtime.Secrets;

namespace ShipSec.Server.Apis;

/// <summary><c>/secrets</c>: create, list, get, rotate and delete; no response ever carries a secret's value.</summary>
public static class SecretsApi
{
    public static RouteGroupBuilder MapSecretsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/secrets").WithTags("Secrets");
        group.MapPost("/", CreateAsync).WithName("createSecret");
        group.MapGet("/", ListAsync).WithName("listSecrets");
        group.MapGet("/{id}", GetAsync).WithName("getSecret");
        group.MapPut("/{id}/rotate", RotateAsync).WithName("rotateSecret");
        group.MapDelete("/{id}", DeleteAsync).WithName("deleteSecret");
        return group;
    }

    public static async Task<IResult> CreateAsync(CreateSecretRequest request, SecretVault vault, CancellationToken cancellationToken)
    {
        var secret = await vault.CreateAsync(request, cancellationToken);
        return TypedResults.Created($"/api/v1/secrets/{secret.Id}", secret);
    }

    public static async Task<IResult> ListAsync(SecretVault vault, CancellationToken cancellationToken) =>
        TypedResults.Ok(await vault.ListAsync(cancellationToken));

    public static async Task<IResult> GetAsync(string id, SecretVault vault, CancellationToken cancellationToken) =>
        TypedResults.Ok(await vault.GetAsync(id, cancellationToken));

    public static async Task<IResult> RotateAsync(string id, RotateSecretRequest request, SecretVault vault, CancellationToken cancellationToken) =>
        TypedResults.Ok(await vault.RotateAsync(id, request, cancellationToken));

    public static async Task<IResult> DeleteAsync(string id, SecretVault vault, CancellationToken cancellationToken)
    {
        await vault.DeleteAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }
}
