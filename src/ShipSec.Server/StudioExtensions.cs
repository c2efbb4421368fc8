using Microsoft.Net.Http.Headers;

namespace ShipSec.Server;

/// <summary>The web studio: the static pages under <c>wwwroot</c> served at <c>/studio/</c>, with <c>/</c> redirecting there.</summary>
public static class StudioExtensions
{
    /// <summary>Where the studio is served.</summary>
    public const string StudioPath = "/studio";

    public static WebApplication MapShipSecStudio(this WebApplication app)
    {
        var files = app.Environment.WebRootFileProvider;
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
}
