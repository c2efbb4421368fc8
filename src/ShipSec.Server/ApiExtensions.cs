using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;
using ShipSec.Contracts.Json;
using ShipSec.Runtime.Configuration;
using ShipSec.Server.Apis;
using ShipSec.Server.Auth;

namespace ShipSec.Server;

/// <summary>Composition of the HTTP surface: JSON conventions, ProblemDetails, OpenAPI, and the <c>/api/v1</c> route groups.</summary>
public static partial class ApiExtensions
{
    /// <summary>Where the server listens when no <c>ASPNETCORE_URLS</c> / <c>--urls</c>, HTTP(S) ports or Kestrel endpoint is configured: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplicationBuilder AddShipSecApi(this WebApplicationBuilder builder)
    {
        var configured = new[] { WebHostDefaults.ServerUrlsKey, WebHostDefaults.HttpPortsKey, WebHostDefaults.HttpsPortsKey }
            .Any(key => !string.IsNullOrEmpty(builder.Configuration[key]));
        if (!configured && !builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var services = builder.Services;
        services.ConfigureHttpJsonOptions(options => ShipSecJson.Configure(options.SerializerOptions));
        // Binding failures (malformed JSON, a non-numeric limit) throw, so the exception handler can name the problem.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "ShipSec.Elsa API";
            document.Info.Description = "Security automation workflows: save graphs, run them, follow their traces, fetch their artifacts.";
            return Task.CompletedTask;
        }));
        builder.AddShipSecAuth();
        return builder;
    }

    public static WebApplication MapShipSecApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseShipSecAuth();

        app.MapOpenApi();
        app.MapScalarApiReference("/docs", options => options.WithTitle("ShipSec.Elsa API"));

        var api = app.MapGroup("/api/v1").RequireApiKey();
        api.MapHealthApi().AllowAnonymous();
        // Worker and collector processes answer health only; the application services live in api processes.
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ShipSecOptions>>().Value.Role.HostsApi())
        {
            api.MapComponentsApi();
            api.MapWorkflowsApi();
            api.MapRunsApi();
            api.MapStreamApi();
            api.MapReplayApi();
            api.MapArtifactsApi();
            api.MapFilesApi();
            api.MapSecretsApi();
            api.MapApiKeysApi();
            api.MapWebhooksApi();
        }

        app.Lifetime.ApplicationStarted.Register(() => LogListening(app));
        return app;
    }

    private static void LogListening(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var role = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ShipSecOptions>>().Value.Role;
        foreach (var address in addresses)
            LogListeningOn(app.Logger, role.ToString().ToLowerInvariant(), address);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ShipSec.Elsa ({Role}) listening on {Address}")]
    private static partial void LogListeningOn(ILogger logger, string role, string address);
}
