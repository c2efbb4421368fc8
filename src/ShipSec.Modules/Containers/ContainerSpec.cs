using System.Collections.Frozen;

namespace ShipSec.Modules.Containers;

/// <summary>
/// What to run in a tool container: image, argv (never a shell string), environment, the capabilities and network the module
/// needs (none by default), input files, limits and timeout. The sandbox itself (no privileges, read-only root, no new
/// privileges) is not negotiable and not part of the spec.
/// </summary>
public sealed record ContainerSpec
{
    /// <summary>The published image the module is written for, e.g. <c>projectdiscovery/nuclei:v3.4.10</c>.</summary>
    public required string Image { get; init; }

    /// <summary>The locally built stand-in (<c>shipsec/nmap:local</c>, from scripts/build-images.sh) used when the operator prefers local images.</summary>
    public string? LocalImage { get; init; }

    /// <summary>Key of the operator's image override <c>ShipSec:Docker:Images:&lt;key&gt;</c>; modules use their component id.</summary>
    public string? ImageKey { get; init; }

    /// <summary>Overrides the image's entrypoint, so one argv works with the published and the local image alike.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>Arguments, one element per argument; nothing is interpreted by a shell.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>Environment variables; values may be secrets and are never logged.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = FrozenDictionary<string, string>.Empty;

    /// <summary>Linux capabilities added back after all are dropped, e.g. <c>NET_RAW</c> for SYN scans; empty by default.</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    /// <summary>Whether the tool needs a network at all; which network it joins is the operator's <c>ShipSec:Docker:Network</c>.</summary>
    public bool NeedsNetwork { get; init; }

    /// <summary>Files written under <see cref="ContainerPaths.InputDirectory"/> before the container starts.</summary>
    public IReadOnlyList<ContainerInputFile> InputFiles { get; init; } = [];

    /// <summary>Memory, CPU, process and /tmp limits.</summary>
    public ContainerLimits Limits { get; init; } = ContainerLimits.Default;

    /// <summary>Wall-clock limit from start to exit; exceeding it kills the container and fails with a timeout error.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Extra labels; the runner adds <see cref="ContainerLabels.Managed"/> and the run / node labels itself.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = FrozenDictionary<string, string>.Empty;

    /// <summary>Exit codes that mean success (some tools exit 1 for "nothing found").</summary>
    public IReadOnlyList<int> AcceptedExitCodes { get; init; } = [0];

    /// <summary>Upper bound of the collected output files together; more fails the run instead of filling the disk.</summary>
    public long MaxOutputBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>
    /// A spec for an attempt of a Docker module: its descriptor's image, labelled with the context's run and node, timing out
    /// with the node's effective timeout (else the module's default, else 10 minutes).
    /// </summary>
    public static ContainerSpec For(ModuleContext context, string? localImage = null)
    {
        var descriptor = context.Module.Descriptor;
        return new ContainerSpec
        {
            Image = descriptor.Runner.Image
                ?? throw new InvalidOperationException($"Component '{descriptor.Id}' runs in a container but its descriptor names no image."),
            LocalImage = localImage,
            ImageKey = descriptor.Id,
            Labels = ContainerLabels.For(context),
            Timeout = (context.TimeoutSeconds ?? descriptor.DefaultTimeoutSeconds) is int seconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromMinutes(10),
        };
    }
}
