using ShipSec.Contracts.Runs;
using ShipSec.Runtime.Runs;

namespace ShipSec.Server.Apis;

/// <summary><c>/workflows/runs</c>: run lists, status, trace pages, node inputs/outputs, artifacts and cancel.</summary>
public static class RunsApi
{
    public static RouteGroupBuilder MapRunsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/workflows/runs").WithTags("Runs");
        group.MapGet("/", ListAsync).WithName("listRuns");
        group.MapGet("/{runId}", GetAsync).WithName("getRun");
        group.MapGet("/{runId}/status", StatusAsync).WithName("getRunStatus");
        group.MapGet("/{runId}/trace", TraceAsync).WithName("getRunTrace");
        group.MapGet("/{runId}/node-io", NodeIoAsync).WithName("listRunNodeIo");
        group.MapGet("/{runId}/node-io/{nodeId}", NodeAsync).WithName("getRunNodeIo");
        group.MapPost("/{runId}/cancel", CancelAsync).WithName("cancelRun");
        group.MapGet("/{runId}/artifacts", ArtifactsAsync).WithName("listRunArtifacts");
        group.MapGet("/{runId}/artifacts/{artifactId}/download", DownloadAsync).WithName("downloadRunArtifact");
        return group;
    }

    public static async Task<IResult> ListAsync(string? workflowId, string? status, int? limit, int? offset, RunQueries queries,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ListAsync(new RunFilter(workflowId, status, limit, offset), cancellationToken));

    public static async Task<IResult> GetAsync(string runId, RunQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.GetAsync(runId, cancellationToken));

    public static async Task<IResult> StatusAsync(string runId, RunQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok<WorkflowRunStatus>(await queries.StatusAsync(runId, cancellationToken));

    public static async Task<IResult> TraceAsync(string runId, long? after, int? limit, RunQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.TraceAsync(runId, after, limit, cancellationToken));

    public static async Task<IResult> NodeIoAsync(string runId, RunQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.NodeIoAsync(runId, cancellationToken));

    public static async Task<IResult> NodeAsync(string runId, string nodeId, RunQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.NodeIoAsync(runId, nodeId, cancellationToken));

    public static async Task<IResult> CancelAsync(string runId, RunService runs, CancellationToken cancellationToken) =>
        TypedResults.Accepted($"/api/v1/workflows/runs/{runId}/status", await runs.CancelAsync(runId, cancellationToken));

    public static async Task<IResult> ArtifactsAsync(string runId, RunQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ArtifactsAsync(runId, cancellationToken));

    /// <summary>Streams the artifact as an attachment named after its (sanitised) name; serves HTTP ranges.</summary>
    public static async Task<IResult> DownloadAsync(string runId, string artifactId, RunQueries queries, CancellationToken cancellationToken)
    {
        var (artifact, content) = await queries.OpenArtifactAsync(runId, artifactId, cancellationToken);
        return ArtifactsApi.Download(content, artifact.ContentType, artifact.Name, artifact.CreatedAt, artifact.Sha256);
    }
}
