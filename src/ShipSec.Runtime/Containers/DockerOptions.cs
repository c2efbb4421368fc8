namespace ShipSec.Runtime.Containers;

/// <summary>Operator settings of the Docker runner, bound from <c>ShipSec:Docker</c> (environment: <c>ShipSec__Docker__*</c>).</summary>
public sealed class DockerOptions
{
    /// <summary>Configuration section the options are bound from.</summary>
    public const string Section = "ShipSec:Docker";

    /// <summary>The local daemon's socket, used when no endpoint is configured.</summary>
    public const string DefaultEndpoint = "unix:///var/run/docker.sock";

    /// <summary>Docker Engine API endpoint: <c>unix:///var/run/docker.sock</c> or <c>tcp://host:2375</c>.</summary>
    public string Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>
    /// The network joined by modules that need one: <c>bridge</c>, <c>host</c> (reaches loopback targets; used by tests) or the
    /// name of a user-defined network. Modules that need none always get <c>none</c>.
    /// </summary>
    public string Network { get; set; } = "bridge";

    /// <summary>Image overrides by component id, e.g. <c>ShipSec:Docker:Images:network.nmap.scan = registry.local/nmap:7.95</c>.</summary>
    public Dictionary<string, string> Images { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Run the locally built <c>shipsec/&lt;tool&gt;:local</c> images (scripts/build-images.sh) instead of the published ones.</summary>
    public bool PreferLocalImages { get; set; }

    /// <summary>Pull an image that is not present locally before running it.</summary>
    public bool PullMissingImages { get; set; } = true;

    /// <summary>How often a live container heartbeats its attempt.</summary>
    public double HeartbeatIntervalSeconds { get; set; } = 10;

    /// <summary>Longest output line passed on; the rest of a longer line is dropped and the line marked truncated.</summary>
    public int MaxLineBytes { get; set; } = 16 * 1024;

    /// <summary>How many of the last stderr lines a failure reports.</summary>
    public int StderrTailLines { get; set; } = 20;

    /// <summary>Time past a container's own timeout after which the orphan sweep removes it.</summary>
    public double OrphanGraceSeconds { get; set; } = 120;

    /// <summary>How often the orphan sweep runs; 0 disables the background sweep.</summary>
    public double OrphanSweepIntervalSeconds { get; set; } = 300;
}
