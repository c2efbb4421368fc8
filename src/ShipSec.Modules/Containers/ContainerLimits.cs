namespace ShipSec.Modules.Containers;

/// <summary>Resource limits of one container; the defaults suit a single scanner process.</summary>
public sealed record ContainerLimits
{
    /// <summary>512 MiB of memory (no swap), one CPU, 256 processes, 64 MiB of /tmp.</summary>
    public static ContainerLimits Default { get; } = new();

    /// <summary>Memory limit in bytes; swap is not allowed beyond it.</summary>
    public long MemoryBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>CPU quota in CPUs (1.5 = one and a half cores).</summary>
    public double Cpus { get; init; } = 1.0;

    /// <summary>Maximum number of processes and threads.</summary>
    public long Pids { get; init; } = 256;

    /// <summary>Size of the writable tmpfs mounted at /tmp.</summary>
    public long TmpBytes { get; init; } = 64L * 1024 * 1024;
}
