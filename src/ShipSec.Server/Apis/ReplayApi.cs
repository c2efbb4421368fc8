using ShipSec.Contracts.Runs;
using ShipSec.Runtime.Replay;

namespace ShipSec.Server.Apis;

/// <summary><c>/workflows/runs/{runId}/state</c> (replay: the run at any moment of its trace) and <c>…/diff/{otherRunId}</c>.</summary>
public static class ReplayApi
{
    public static RouteGroupBuilder MapReplayApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/workflows/runs").WithTags("Replay");
        group.MapGet("/{runId}/state", StateAsync).WithName("getRunState")
            .WithSummary("The run as it stood at a moment (at=ISO 8601) or after an event (sequence=N), folded from its trace.");
        group.MapGet("/{runId}/diff/{otherRunId}", DiffAsync).WithName("diffRuns")
            .WithSummary("What changed from this run to another run of the same workflow: nodes added or removed, status, output summary, duration.");
        return group;
    }

    public static async Task<IResult> StateAsync(string runId, string? at, long? sequence, int? logLines, RunReplayQueries replay,
        CancellationToken cancellationToken) =>
        TypedResults.Ok<RunReplayState>(await replay.StateAsync(runId, at, sequence, logLines, cancellationToken));

    public static async Task<IResult> DiffAsync(string runId, string otherRunId, RunReplayQueries replay, CancellationToken cancellationToken) =>
        TypedResults.Ok<RunDiff>(await replay.DiffAsync(runId, otherRunId, cancellationToken));
}
