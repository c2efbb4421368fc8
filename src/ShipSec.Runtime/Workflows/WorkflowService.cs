using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ShipSec.Contracts.Definitions;
using ShipSec.Contracts.Graph;
using ShipSec.Contracts.Json;
using ShipSec.Flowchart.Compilation;
using ShipSec.Runtime.Errors;
using ShipSec.Runtime.Persistence;

namespace ShipSec.Runtime.Workflows;

/// <summary>
/// Saving and reading workflows. Every save validates and compiles the graph first (nothing is stored when it is
/// invalid) and then stores it as a new immutable version.
/// </summary>
public sealed class WorkflowService(ShipSecDbContext db, IComponentCatalog catalog, TimeProvider clock)
{
    public async Task<WorkflowView> CreateAsync(WorkflowGraph graph, CancellationToken cancellationToken)
    {
        WorkflowCompiler.Compile(graph, 1, catalog);
        var now = clock.GetUtcNow();
        var workflow = new WorkflowRecord
        {
            Id = Guid.CreateVersion7().ToString(),
            Name = graph.Name,
            Description = graph.Description,
            LatestVersion = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Workflows.Add(workflow);
        db.WorkflowVersions.Add(NewVersion(workflow, graph, now));
        await db.SaveChangesAsync(cancellationToken);
        return View(workflow, graph);
    }

    public async Task<WorkflowView> UpdateAsync(string id, WorkflowGraph graph, CancellationToken cancellationToken)
    {
        var workflow = await FindAsync(id, cancellationToken);
        var version = workflow.LatestVersion + 1;
        WorkflowCompiler.Compile(graph, version, catalog);

        var now = clock.GetUtcNow();
        workflow.Name = graph.Name;
        workflow.Description = graph.Description;
        workflow.LatestVersion = version;
        workflow.UpdatedAt = now;
        db.WorkflowVersions.Add(NewVersion(workflow, graph, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new ConflictException($"Workflow '{id}' was changed by another request while saving; load it again and retry.");
        }
        return View(workflow, graph);
    }

    public async Task<WorkflowView> GetAsync(string id, CancellationToken cancellationToken)
    {
        var workflow = await FindAsync(id, cancellationToken, tracked: false);
        return View(workflow, await GraphAsync(id, workflow.LatestVersion, cancellationToken));
    }

    /// <summary>Live workflows, most recently updated first.</summary>
    public async Task<IReadOnlyList<WorkflowView>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await (
                from w in db.Workflows.AsNoTracking()
                where w.DeletedAt == null
                join v in db.WorkflowVersions.AsNoTracking() on new { w.Id, Version = w.LatestVersion } equals new { Id = v.WorkflowId, v.Version }
                orderby w.UpdatedAt descending
                select new { Workflow = w, v.GraphJson })
            .ToListAsync(cancellationToken);
        return rows.Select(r => View(r.Workflow, ReadGraph(r.GraphJson))).ToList();
    }

    /// <summary>Deletes the workflow; its versions and runs stay readable through the runs API.</summary>
    public async Task<WorkflowDeleted> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var workflow = await FindAsync(id, cancellationToken);
        workflow.DeletedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return new WorkflowDeleted("deleted", id);
    }

    public async Task<WorkflowVersionView> GetVersionAsync(string id, int version, CancellationToken cancellationToken)
    {
        await FindAsync(id, cancellationToken, tracked: false);
        var record = await db.WorkflowVersions.AsNoTracking().FirstOrDefaultAsync(v => v.WorkflowId == id && v.Version == version, cancellationToken)
            ?? throw new NotFoundException($"Workflow '{id}' has no version {version}.");
        var graph = ReadGraph(record.GraphJson);
        return new WorkflowVersionView
        {
            Id = record.Id,
            WorkflowId = id,
            Version = record.Version,
            Name = graph.Name,
            Description = graph.Description,
            Nodes = graph.Nodes,
            Edges = graph.Edges,
            Viewport = graph.Viewport,
            CreatedAt = record.CreatedAt,
        };
    }

    /// <summary>Compiles the latest version and returns the definition a run of it would execute.</summary>
    public async Task<WorkflowDefinition> CommitAsync(string id, CancellationToken cancellationToken)
    {
        var workflow = await FindAsync(id, cancellationToken, tracked: false);
        return WorkflowCompiler.Compile(await GraphAsync(id, workflow.LatestVersion, cancellationToken), workflow.LatestVersion, catalog);
    }

    /// <summary>The graph of one version; used by the run service to compile what it runs.</summary>
    public async Task<WorkflowGraph> GraphAsync(string id, int version, CancellationToken cancellationToken)
    {
        var json = await db.WorkflowVersions.AsNoTracking()
            .Where(v => v.WorkflowId == id && v.Version == version)
            .Select(v => v.GraphJson)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Workflow '{id}' has no version {version}.");
        return ReadGraph(json);
    }

    /// <summary>A live (not deleted) workflow, or <see cref="NotFoundException"/>.</summary>
    public async Task<WorkflowRecord> FindAsync(string id, CancellationToken cancellationToken, bool tracked = true)
    {
        var query = tracked ? db.Workflows : db.Workflows.AsNoTracking();
        return await query.FirstOrDefaultAsync(w => w.Id == id && w.DeletedAt == null, cancellationToken)
            ?? throw new NotFoundException($"Workflow '{id}' does not exist.");
    }

    private static WorkflowVersionRecord NewVersion(WorkflowRecord workflow, WorkflowGraph graph, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7().ToString(),
        WorkflowId = workflow.Id,
        Version = workflow.LatestVersion,
        GraphJson = JsonSerializer.Serialize(graph with { Id = null }, ShipSecJson.Options),
        CreatedAt = now,
    };

    private static WorkflowGraph ReadGraph(string json) => JsonSerializer.Deserialize<WorkflowGraph>(json, ShipSecJson.Options)!;

    private static WorkflowView View(WorkflowRecord workflow, WorkflowGraph graph) => new()
    {
        Id = workflow.Id,
        Name = workflow.Name,
        Description = workflow.Description,
        Version = workflow.LatestVersion,
        Nodes = graph.Nodes,
        Edges = graph.Edges,
        Viewport = graph.Viewport,
        CreatedAt = workflow.CreatedAt,
        UpdatedAt = workflow.UpdatedAt,
    };
}
