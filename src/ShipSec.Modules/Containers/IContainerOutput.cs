namespace ShipSec.Modules.Containers;

/// <summary>Receives a container's output line by line while it runs, and a heartbeat while it lives.</summary>
public interface IContainerOutput
{
    /// <summary>One line of stdout or stderr; awaited before the next is read, so a slow receiver slows the tool rather than buffering.</summary>
    ValueTask OnLineAsync(ContainerLine line, CancellationToken cancellationToken);

    /// <summary>Called periodically while the container is alive (the worker renews its execution lease).</summary>
    void OnHeartbeat() { }
}

/// <summary>Which output stream a line came from.</summary>
public enum ContainerStream
{
    Stdout,
    Stderr,
}

/// <summary>One output line without its line terminator; <see cref="Truncated"/> when the line was longer than the runner's line limit and was cut.</summary>
public readonly record struct ContainerLine(ContainerStream Stream, string Text, bool Truncated = false);
