namespace ShipSec.Runtime.Configuration;

/// <summary>The <c>ShipSec</c> configuration section (ARCHITECTURE §3): role, providers and their settings.</summary>
public sealed class ShipSecOptions
{
    public const string Section = "ShipSec";

    public RuntimeRole Role { get; set; } = RuntimeRole.All;
    /// <summary>Folder of the embedded default's database and files.</summary>
    public string DataPath { get; set; } = "./data";
    public DatabaseOptions Database { get; set; } = new();
    public BusOptions Bus { get; set; } = new();
    public StorageOptions Storage { get; set; } = new();
    public FilesOptions Files { get; set; } = new();
    public ArtifactsOptions Artifacts { get; set; } = new();
    public SecretsOptions Secrets { get; set; } = new();
    public WorkerOptions Worker { get; set; } = new();
    public OrchestratorOptions Orchestrator { get; set; } = new();

    /// <summary>The data folder as an absolute path.</summary>
    public string FullDataPath => Path.GetFullPath(DataPath);
}

/// <summary>Which parts of the runtime a process hosts.</summary>
public enum RuntimeRole { All, Api, Worker, Collector }

/// <summary>Database provider selection.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    /// <summary>Apply pending migrations at startup; when false, startup refuses to run on a schema that is behind.</summary>
    public bool AutoMigrate { get; set; } = true;
}

/// <summary>Supported database providers.</summary>
public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>Message-bus transport selection.</summary>
public sealed class BusOptions
{
    public BusTransport Transport { get; set; } = BusTransport.InMemory;
    /// <summary>AMQP URI, e.g. <c>amqp://user:password@host:5672/vhost</c>.</summary>
    public string? RabbitMq { get; set; }
}

/// <summary>Supported bus transports.</summary>
public enum BusTransport { InMemory, RabbitMq }

/// <summary>Artifact storage selection.</summary>
public sealed class StorageOptions
{
    public StorageProvider Provider { get; set; } = StorageProvider.FileSystem;
    public S3Options S3 { get; set; } = new();
}

/// <summary>Supported artifact stores.</summary>
public enum StorageProvider { FileSystem, S3 }

/// <summary>S3 / MinIO settings.</summary>
public sealed class S3Options
{
    public string? Endpoint { get; set; }
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
    public string? Bucket { get; set; }
    public bool UseSsl { get; set; } = true;
}

/// <summary>Artifact retention: run artifacts older than <see cref="RetentionDays"/> are deleted by a periodic sweep.</summary>
public sealed class ArtifactsOptions
{
    /// <summary>Age in days after which run artifacts are deleted; unset keeps them forever.</summary>
    public double? RetentionDays { get; set; }
    /// <summary>How often the retention sweep runs.</summary>
    public double SweepIntervalMinutes { get; set; } = 60;
}

/// <summary>Encryption of stored secrets.</summary>
public sealed class SecretsOptions
{
    /// <summary>Base64 of the 32-byte AES-256-GCM key; when unset, a key is generated into <c>{DataPath}/keys/secrets.key</c>.</summary>
    public string? Key { get; set; }
}

/// <summary>Upload limits.</summary>
public sealed class FilesOptions
{
    public long MaxUploadBytes { get; set; } = 104_857_600;
}

/// <summary>Node-execution worker settings.</summary>
public sealed class WorkerOptions
{
    /// <summary>How many node attempts one worker process runs at once.</summary>
    public int Concurrency { get; set; } = 16;
    /// <summary>
    /// How long a node attempt's lease lasts without renewal. The worker renews it every third of this while the attempt
    /// runs (and at once when the module heartbeats); an attempt whose lease ran out is taken as lost and run again.
    /// </summary>
    public double LeaseSeconds { get; set; } = 30;
    /// <summary>How many times one node is re-dispatched after losing its worker before the node fails (a tool that kills its worker must not loop forever).</summary>
    public int MaxLostAttempts { get; set; } = 3;

    /// <summary>The lease duration as a time span.</summary>
    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds > 0 ? LeaseSeconds : 30);
}

/// <summary>Settings of the processes that drive runs (roles <c>all</c> and <c>api</c>).</summary>
public sealed class OrchestratorOptions
{
    /// <summary>
    /// The longest an orchestrator sleeps between looks for due run timers (retry back-offs, timeouts, drain deadlines).
    /// It wakes earlier at the earliest timer it knows of and at once when it sets a timer itself, so this bounds only how
    /// late a timer set by another process that has since stopped fires — and the idle database load (one look per period).
    /// </summary>
    public double TimerCheckSeconds { get; set; } = 1;

    /// <summary>The timer check period as a time span.</summary>
    public TimeSpan TimerCheck => TimeSpan.FromSeconds(TimerCheckSeconds > 0 ? TimerCheckSeconds : 1);
}
