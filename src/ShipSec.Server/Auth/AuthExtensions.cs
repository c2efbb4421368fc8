using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using ShipSec.Runtime;
using ShipSec.Runtime.Configuration;
using ShipSec.Runtime.Persistence;

namespace ShipSec.Server.Auth;

/// <summary>Composition of API-key authentication: options, the authentication scheme, the <c>/api/v1</c> policy and the startup bootstrap.</summary>
public static class AuthExtensions
{
    /// <summary>
    /// Registers API-key authentication. Throws <see cref="RuntimeConfigurationException"/> for a mode that is not one, or a
    /// bootstrap key that is not in the <c>ssk_</c> format.
    /// </summary>
    public static WebApplicationBuilder AddShipSecAuth(this WebApplicationBuilder builder)
    {
        Validate(builder.Configuration);
        var services = builder.Services;
        services.AddOptions<ApiAuthOptions>().Bind(builder.Configuration.GetSection(ApiAuthOptions.Section));
        services.AddSingleton<ApiKeyPresence>();
        // The core services only: AddAuthentication would also bring data protection (a key ring on disk) that API keys never use.
        services.AddAuthenticationCore(options =>
        {
            options.DefaultScheme = ApiKeyAuthenticationHandler.SchemeName;
            options.AddScheme<ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, displayName: null);
        });
        services.AddWebEncoders();
        services.AddSingleton<IAuthorizationHandler, ApiKeyRequirementHandler>();
        services.AddAuthorizationBuilder().AddPolicy(ApiKeyRequirement.Policy, policy => policy
            .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
            .AddRequirements(new ApiKeyRequirement()));
        if (RuntimeExtensions.ReadOptions(builder.Configuration).Role.HostsApi()) services.AddHostedService<ApiKeyBootstrap>();
        services.Configure<OpenApiOptions>("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key (ssk_…) as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'; see docs/security.md.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [] }];
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>Adds authentication and authorization to the pipeline (after the exception handler, so their failures are ProblemDetails too).</summary>
    public static WebApplication UseShipSecAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Every route of the group requires an API key, as <see cref="ApiAuthOptions.Mode"/> says; exempt a route with <c>AllowAnonymous()</c>.</summary>
    public static RouteGroupBuilder RequireApiKey(this RouteGroupBuilder group) => group.RequireAuthorization(ApiKeyRequirement.Policy);

    /// <summary>The group's routes need a valid key even in <see cref="ApiAuthMode.Auto"/> mode while no key exists.</summary>
    public static RouteGroupBuilder RequireApiKeyAlways(this RouteGroupBuilder group) => group.WithMetadata(new ApiKeyAlwaysRequired());

    private static void Validate(IConfiguration configuration)
    {
        var section = configuration.GetSection(ApiAuthOptions.Section);
        var mode = section[nameof(ApiAuthOptions.Mode)];
        if (!string.IsNullOrEmpty(mode) && !(Enum.TryParse<ApiAuthMode>(mode, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)))
            throw new RuntimeConfigurationException($"ShipSec:Auth:Mode '{mode}' is not a mode; use Auto (the default) or Required.");

        var bootstrap = section[nameof(ApiAuthOptions.BootstrapKey)];
        if (!string.IsNullOrWhiteSpace(bootstrap) && !ApiKey.TryParse(bootstrap.Trim(), out _))
        {
            throw new RuntimeConfigurationException(
                "ShipSec:Auth:BootstrapKey (ShipSec__Auth__BootstrapKey) is not an API key: expected 'ssk_' followed by a " +
                $"{ApiKey.IdLength}-character id of lowercase letters and digits, '_', and {ApiKey.SecretBytes} random bytes in unpadded base64url " +
                $"({ApiKey.SecretLength} characters). Generate one as docs/security.md shows.");
        }
    }
}
