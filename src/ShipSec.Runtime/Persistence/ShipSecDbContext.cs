using Microsoft.EntityFrameworkCore;
using ShipSec.Runtime.Files;
using ShipSec.Runtime.Secrets;

namespace ShipSec.Runtime.Persistence;

/// <summary>The runtime's tables; each provider derives from it to carry its own migration set.</summary>
public abstract class ShipSecDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<WorkflowRecord> Workflows => Set<WorkflowRecord>();
    public DbSet<WorkflowVersionRecord> WorkflowVersions => Set<WorkflowVersionRecord>();
    public DbSet<RunRecord> Runs => Set<RunRecord>();
    public DbSet<RunNodeRecord> RunNodes => Set<RunNodeRecord>();
    public DbSet<RunEdgeRecord> RunEdges => Set<RunEdgeRecord>();
    public DbSet<TraceEventRecord> TraceEvents => Set<TraceEventRecord>();
    public DbSet<RunTraceCounter> RunTraceCounters => Set<RunTraceCounter>();
    public DbSet<ArtifactRecord> Artifacts => Set<ArtifactRecord>();
    public DbSet<OutboxMessageRecord> OutboxMessages => Set<OutboxMessageRecord>();
    public DbSet<NodeExecutionRecord> NodeExecutions => Set<NodeExecutionRecord>();
    public DbSet<FileRecord> Files => Set<FileRecord>();
    public DbSet<SecretRecord> Secrets => Set<SecretRecord>();
    public DbSet<ApiKeyRecord> ApiKeys => Set<ApiKeyRecord>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<WorkflowRecord>(e =>
        {
            e.ToTable("workflows");
            e.HasKey(w => w.Id);
            e.Property(w => w.Id).HasColumnName("id").HasMaxLength(64);
            e.Property(w => w.Name).HasColumnName("name").HasMaxLength(500);
            e.Property(w => w.Description).HasColumnName("description");
            e.Property(w => w.LatestVersion).HasColumnName("latest_version");
            e.Property(w => w.CreatedAt).HasColumnName("created_at");
            e.Property(w => w.UpdatedAt).HasColumnName("updated_at");
            e.Property(w => w.DeletedAt).HasColumnName("deleted_at");
            e.HasIndex(w => w.DeletedAt);
        });

        model.Entity<WorkflowVersionRecord>(e =>
        {
            e.ToTable("workflow_versions");
            e.HasKey(v => v.Id);
            e.Property(v => v.Id).HasColumnName("id").HasMaxLength(64);
            e.Property(v => v.WorkflowId).HasColumnName("workflow_id").HasMaxLength(64);
            e.Property(v => v.Version).HasColumnName("version");
            e.Property(v => v.GraphJson).HasColumnName("graph_json");
            e.Property(v => v.CreatedAt).HasColumnName("created_at");
            e.HasIndex(v => new { v.WorkflowId, v.Version }).IsUnique();
            e.HasOne<WorkflowRecord>().WithMany().HasForeignKey(v => v.WorkflowId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<RunRecord>(e =>
        {
            e.ToTable("runs");
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).HasColumnName("id").HasMaxLength(64);
            e.Property(r => r.WorkflowId).HasColumnName("workflow_id").HasMaxLength(64);
            e.Property(r => r.WorkflowVersion).HasColumnName("workflow_version");
            e.Property(r => r.Status).HasColumnName("status").HasMaxLength(32);
            e.Property(r => r.NextTimerAt).HasColumnName("next_timer_at");
            e.Property(r => r.StateJson).HasColumnName("state_json");
            e.Property(r => r.Revision).HasColumnName("revision");
            e.Property(r => r.DefinitionJson).HasColumnName("definition_json");
            e.Property(r => r.DefinitionVersion).HasColumnName("definition_version");
            e.Property(r => r.TotalActions).HasColumnName("total_actions");
            e.Property(r => r.IdempotencyKey).HasColumnName("idempotency_key").HasMaxLength(255);
            e.Property(r => r.CreatedAt).HasColumnName("created_at");
            e.Property(r => r.UpdatedAt).HasColumnName("updated_at");
            e.Property(r => r.StartedAt).HasColumnName("started_at");
            e.Property(r => r.CompletedAt).HasColumnName("completed_at");
            e.HasIndex(r => r.Status);
            e.HasIndex(r => r.NextTimerAt);
            e.HasIndex(r => new { r.WorkflowId, r.CreatedAt });
            e.HasIndex(r => r.CreatedAt);
            e.HasIndex(r => r.IdempotencyKey).IsUnique();
        });

        // A run's nodes and edges go with it: deleting the run row deletes them in the database.
        model.Entity<RunNodeRecord>(e =>
        {
            e.ToTable("run_nodes");
            e.HasKey(n => new { n.RunId, n.NodeId });
            e.Property(n => n.RunId).HasColumnName("run_id").HasMaxLength(64);
            e.Property(n => n.NodeId).HasColumnName("node_id");
            e.Property(n => n.Json).HasColumnName("json");
            e.HasOne<RunRecord>().WithMany().HasForeignKey(n => n.RunId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<RunEdgeRecord>(e =>
        {
            e.ToTable("run_edges");
            e.HasKey(x => new { x.RunId, x.EdgeId });
            e.Property(x => x.RunId).HasColumnName("run_id").HasMaxLength(64);
            e.Property(x => x.EdgeId).HasColumnName("edge_id");
            e.Property(x => x.Resolution).HasColumnName("resolution").HasMaxLength(16);
            e.HasOne<RunRecord>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<TraceEventRecord>(e =>
        {
            e.ToTable("trace_events");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).HasColumnName("id").ValueGeneratedOnAdd();
            e.Property(t => t.RunId).HasColumnName("run_id").HasMaxLength(64);
            e.Property(t => t.Sequence).HasColumnName("sequence");
            e.Property(t => t.EventId).HasColumnName("event_id");
            e.Property(t => t.Type).HasColumnName("type").HasMaxLength(32);
            e.Property(t => t.NodeId).HasColumnName("node_id");
            e.Property(t => t.Timestamp).HasColumnName("timestamp");
            e.Property(t => t.Json).HasColumnName("json");
            e.HasIndex(t => t.EventId).IsUnique();
            e.HasIndex(t => new { t.RunId, t.Sequence }).IsUnique();
        });

        model.Entity<RunTraceCounter>(e =>
        {
            e.ToTable("run_trace_counters");
            e.HasKey(c => c.RunId);
            e.Property(c => c.RunId).HasColumnName("run_id").HasMaxLength(64);
            e.Property(c => c.NextSequence).HasColumnName("next_sequence");
        });

        model.Entity<ArtifactRecord>(e =>
        {
            e.ToTable("artifacts");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).HasColumnName("id").HasMaxLength(64);
            e.Property(a => a.RunId).HasColumnName("run_id").HasMaxLength(64);
            e.Property(a => a.NodeId).HasColumnName("node_id");
            e.Property(a => a.Name).HasColumnName("name").HasMaxLength(500);
            e.Property(a => a.ContentType).HasColumnName("content_type").HasMaxLength(255);
            e.Property(a => a.Size).HasColumnName("size");
            e.Property(a => a.Sha256).HasColumnName("sha256").HasMaxLength(64);
            e.Property(a => a.StorageKey).HasColumnName("storage_key").HasMaxLength(500);
            e.Property(a => a.CreatedAt).HasColumnName("created_at");
            e.HasIndex(a => new { a.RunId, a.CreatedAt });
            e.HasIndex(a => a.CreatedAt);
        });

        model.Entity<OutboxMessageRecord>(e =>
        {
            e.ToTable("outbox_messages");
            e.HasKey(m => m.Id);
            e.Property(m => m.Id).HasColumnName("id").ValueGeneratedOnAdd();
            e.Property(m => m.MessageType).HasColumnName("message_type").HasMaxLength(200);
            e.Property(m => m.Body).HasColumnName("body");
            e.Property(m => m.CreatedAt).HasColumnName("created_at");
        });

        model.Entity<NodeExecutionRecord>(e =>
        {
            e.ToTable("node_executions");
            e.HasKey(x => new { x.RunId, x.NodeId, x.Attempt });
            e.Property(x => x.RunId).HasColumnName("run_id").HasMaxLength(64);
            e.Property(x => x.NodeId).HasColumnName("node_id");
            e.Property(x => x.Attempt).HasColumnName("attempt");
            e.Property(x => x.Status).HasColumnName("status").HasMaxLength(16);
            e.Property(x => x.Worker).HasColumnName("worker").HasMaxLength(255);
            e.Property(x => x.ClaimedAt).HasColumnName("claimed_at");
            e.Property(x => x.LeaseExpiresAt).HasColumnName("lease_expires_at");
            e.Property(x => x.HeartbeatAt).HasColumnName("heartbeat_at");
            e.Property(x => x.CompletedAt).HasColumnName("completed_at");
            e.Property(x => x.ResultType).HasColumnName("result_type").HasMaxLength(200);
            e.Property(x => x.ResultJson).HasColumnName("result_json");
            e.HasIndex(x => new { x.Status, x.LeaseExpiresAt });
        });

        model.ApplyConfiguration(new FileRecordConfiguration());
        model.ApplyConfiguration(new SecretRecordConfiguration());
        model.ApplyConfiguration(new ApiKeyRecordConfiguration());
    }
}
