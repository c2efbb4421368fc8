using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace ShipSec.Server;

/// <summary>The web studio: the static pages under <c>wwwroot</c> served at <c>/studio/</c>, with <c>/</c> redirecting there.</summary>
public static partial class StudioExtensions
{
    /// <summary>Where the studio is served.</summary>
    public const string StudioPath = "/studio";

    /// <summary>
    /// Lets the server find the studio's files wherever it is started from. A build output carries a manifest that maps the web
    /// root to the project's <c>wwwroot</c> (what <c>dotnet run</c> uses in Development); it is honoured in every environment,
    /// so <c>dotnet …/bin/…/ShipSec.Server.dll</c> from any folder serves the studio. Without a manifest this does nothing.
    /// </summary>
    public static WebApplicationBuilder AddShipSecStudio(this WebApplicationBuilder builder)
    {
        builder.WebHost.UseStaticWebAssets();
        return builder;
    }

    public static WebApplication MapShipSecStudio(this WebApplication app)
    {
        var files = StudioFiles(app);
        // "/studio" without the slash would resolve the pages' relative links against "/".
        app.Use((context, next) =>
        {
            if (context.Request.Path.Value != StudioPath) return next(context);
            context.Response.Redirect($"{StudioPath}/");
            return Task.CompletedTask;
        });
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = StudioPath, FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = StudioPath,
            FileProvider = files,
            // The studio has no build step and no hashed file names: browsers revalidate (ETag) so a new server's pages load.
            OnPrepareResponse = context => context.Context.Response.Headers[HeaderNames.CacheControl] = "no-cache",
        });
        app.MapGet("/", () => TypedResults.Redirect($"{StudioPath}/")).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The web root when it holds the studio; otherwise <c>wwwroot</c> next to the server's binary (a published server started
    /// from another folder), and failing that the web root again, with a warning that the studio's pages will answer 404.
    /// </summary>
    private static IFileProvider StudioFiles(WebApplication app)
    {
        var root = app.Environment.WebRootFileProvider;
        if (root.GetFileInfo("index.html").Exists) return root;
        var beside = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (File.Exists(Path.Combine(beside, "index.html"))) return new PhysicalFileProvider(beside);
        LogStudioMissing(app.Logger, app.Environment.ContentRootPath);
        return root;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The studio's files were not found (no wwwroot/index.html under {ContentRoot} or next to the server's binary); /studio/ will answer 404")]
    private static partial void LogStudioMissing(ILogger logger, string contentRoot);
}
