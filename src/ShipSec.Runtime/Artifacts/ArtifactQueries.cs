using Microsoft.EntityFrameworkCore;
using ShipSec.Runtime.Errors;
using ShipSec.Runtime.Persistence;
using ShipSec.Runtime.Runs;

namespace ShipSec.Runtime.Artifacts;

/// <summary>Artifacts across runs (<c>GET /artifacts</c>), from the database index, never from the store's own listing.</summary>
public sealed class ArtifactQueries(ShipSecDbContext db)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    /// <summary>Newest first; <paramref name="filter"/>'s name matches any artifact whose name contains it.</summary>
    public async Task<ArtifactSearch> SearchAsync(ArtifactFilter filter, CancellationToken cancellationToken)
    {
        var limit = filter.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit) throw new InvalidRequestException("limit", $"limit must be between 1 and {MaxLimit}; got {limit}.");
        var offset = filter.Offset ?? 0;
        if (offset < 0) throw new InvalidRequestException("offset", $"offset must be 0 or more; got {offset}.");

        var query = db.Artifacts.AsNoTracking();
        if (!string.IsNullOrEmpty(filter.RunId)) query = query.Where(a => a.RunId == filter.RunId);
        if (!string.IsNullOrEmpty(filter.WorkflowId))
            query = query.Where(a => db.Runs.Any(r => r.Id == a.RunId && r.WorkflowId == filter.WorkflowId));
        if (!string.IsNullOrEmpty(filter.Name)) query = query.Where(a => a.Name.Contains(filter.Name));

        var rows = await query.OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Id).Skip(offset).Take(limit).ToListAsync(cancellationToken);
        return new ArtifactSearch(rows.Select(a => new ArtifactView(a.Id, a.RunId, a.NodeId, a.Name, a.ContentType, a.Size, a.Sha256, a.CreatedAt)).ToList());
    }
}

/// <summary>Filters of <c>GET /artifacts</c>.</summary>
public sealed record ArtifactFilter(string? WorkflowId, string? RunId, string? Name, int? Limit, int? Offset);

/// <summary><c>GET /artifacts</c>.</summary>
public sealed record ArtifactSearch(IReadOnlyList<ArtifactView> Artifacts);
