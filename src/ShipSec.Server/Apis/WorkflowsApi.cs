using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using ShipSec.Contracts.Definitions;
using ShipSec.Contracts.Graph;
using ShipSec.Flowchart.Compilation;
using ShipSec.Runtime.Runs;
using ShipSec.Runtime.Workflows;

namespace ShipSec.Server.Apis;

/// <summary><c>/workflows</c>: save (each save a new version), read, delete, compile, and start runs.</summary>
public static class WorkflowsApi
{
    public static RouteGroupBuilder MapWorkflowsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/workflows").WithTags("Workflows");
        group.MapPost("/", CreateAsync).WithName("createWorkflow").Accepts<WorkflowGraph>("application/json")
            .Produces<WorkflowView>(StatusCodes.Status201Created).ProducesValidationProblem();
        group.MapGet("/", ListAsync).WithName("listWorkflows");
        group.MapGet("/{id}", GetAsync).WithName("getWorkflow");
        group.MapPut("/{id}", UpdateAsync).WithName("updateWorkflow").Accepts<WorkflowGraph>("application/json")
            .Produces<WorkflowView>().ProducesValidationProblem();
        group.MapDelete("/{id}", DeleteAsync).WithName("deleteWorkflow");
        group.MapGet("/{id}/versions/{version:int}", GetVersionAsync).WithName("getWorkflowVersion");
        group.MapPost("/{id}/commit", CommitAsync).WithName("commitWorkflow");
        group.MapPost("/{id}/run", RunAsync).WithName("runWorkflow");
        return group;
    }

    public static async Task<IResult> CreateAsync([FromBody] JsonElement body, WorkflowService workflows, CancellationToken cancellationToken)
    {
        var created = await workflows.CreateAsync(WorkflowGraphJson.Parse(body), cancellationToken);
        return TypedResults.Created($"/api/v1/workflows/{created.Id}", created);
    }

    public static async Task<IResult> ListAsync(WorkflowService workflows, CancellationToken cancellationToken) =>
        TypedResults.Ok(await workflows.ListAsync(cancellationToken));

    public static async Task<IResult> GetAsync(string id, WorkflowService workflows, CancellationToken cancellationToken) =>
        TypedResults.Ok(await workflows.GetAsync(id, cancellationToken));

    public static async Task<IResult> UpdateAsync(string id, [FromBody] JsonElement body, WorkflowService workflows,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await workflows.UpdateAsync(id, WorkflowGraphJson.Parse(body), cancellationToken));

    public static async Task<IResult> DeleteAsync(string id, WorkflowService workflows, CancellationToken cancellationToken) =>
        TypedResults.Ok(await workflows.DeleteAsync(id, cancellationToken));

    public static async Task<IResult> GetVersionAsync(string id, int version, WorkflowService workflows, CancellationToken cancellationToken) =>
        TypedResults.Ok(await workflows.GetVersionAsync(id, version, cancellationToken));

    public static async Task<IResult> CommitAsync(string id, WorkflowService workflows, CancellationToken cancellationToken) =>
        TypedResults.Ok<WorkflowDefinition>(await workflows.CommitAsync(id, cancellationToken));

    /// <summary>Starts a run (202); with <c>Idempotency-Key</c> (or <c>X-Idempotency-Key</c>) a repeated request returns the same run.</summary>
    public static async Task<IResult> RunAsync(string id, [FromBody] StartRunRequest? request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, [FromHeader(Name = "X-Idempotency-Key")] string? xIdempotencyKey,
        RunService runs, CancellationToken cancellationToken)
    {
        var accepted = await runs.StartAsync(id, request ?? new StartRunRequest(), idempotencyKey ?? xIdempotencyKey, cancellationToken);
        return TypedResults.Accepted($"/api/v1/workflows/runs/{accepted.RunId}", accepted);
    }
}
