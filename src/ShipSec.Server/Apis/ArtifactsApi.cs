using Microsoft.Net.Http.Headers;
using ShipSec.Runtime.Artifacts;

namespace ShipSec.Server.Apis;

/// <summary>
/// <c>/artifacts</c>: artifacts across runs; and <c>DELETE /workflows/runs/{runId}</c>, which removes a run with its
/// artifacts. Also the one way every download (artifacts, files) is answered: streamed, with HTTP range support.
/// </summary>
public static class ArtifactsApi
{
    public static RouteGroupBuilder MapArtifactsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapDelete("/workflows/runs/{runId}", DeleteRunAsync).WithName("deleteRun").WithTags("Runs");
        var group = routes.MapGroup("/artifacts").WithTags("Artifacts");
        group.MapGet("/", SearchAsync).WithName("searchArtifacts");
        return group;
    }

    public static async Task<IResult> SearchAsync(string? workflowId, string? runId, string? name, int? limit, int? offset,
        ArtifactQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.SearchAsync(new ArtifactFilter(workflowId, runId, name, limit, offset), cancellationToken));

    /// <summary>Deletes an ended run, its trace and its artifacts (rows and stored objects).</summary>
    public static async Task<IResult> DeleteRunAsync(string runId, RunArtifactCleanup cleanup, CancellationToken cancellationToken)
    {
        await cleanup.DeleteRunAsync(runId, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// A download response: <paramref name="content"/> (seekable, from the store) as an attachment named
    /// <paramref name="fileName"/> (already sanitised), answering a single <c>Range</c> with 206 and <c>Content-Range</c>
    /// and an unsatisfiable one with 416; the SHA-256 is the entity tag, so <c>If-Range</c> works.
    /// </summary>
    public static IResult Download(Stream content, string contentType, string fileName, DateTimeOffset createdAt, string sha256) =>
        TypedResults.Stream(content, contentType, fileName, createdAt, new EntityTagHeaderValue($"\"{sha256}\""), enableRangeProcessing: true);
}
