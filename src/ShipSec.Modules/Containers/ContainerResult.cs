namespace ShipSec.Modules.Containers;

/// <summary>
/// How a container run ended and the files it left in <see cref="ContainerPaths.OutputDirectory"/>, copied to a local folder
/// that <see cref="Dispose"/> deletes.
/// </summary>
public sealed class ContainerResult : IDisposable
{
    private readonly string? _localDirectory;

    public ContainerResult(string? localDirectory = null) => _localDirectory = localDirectory;

    public required int ExitCode { get; init; }

    /// <summary>The image reference that actually ran (after operator overrides).</summary>
    public required string Image { get; init; }

    /// <summary>From start to exit.</summary>
    public required TimeSpan Duration { get; init; }

    public required long StdoutLines { get; init; }

    public required long StderrLines { get; init; }

    /// <summary>The last stderr lines, for error messages.</summary>
    public required IReadOnlyList<string> StderrTail { get; init; }

    /// <summary>Files collected from the output directory, by path relative to it.</summary>
    public required IReadOnlyList<ContainerOutputFile> OutputFiles { get; init; }

    /// <summary>The output file at <paramref name="relativePath"/>, or null when the tool did not write it.</summary>
    public ContainerOutputFile? OutputFile(string relativePath) =>
        OutputFiles.FirstOrDefault(f => string.Equals(f.Path, relativePath, StringComparison.Ordinal));

    public void Dispose()
    {
        if (_localDirectory is not null && Directory.Exists(_localDirectory))
            Directory.Delete(_localDirectory, recursive: true);
    }
}

/// <summary>A file the tool wrote, copied out of the container.</summary>
/// <param name="Path">Relative to the output directory, <c>/</c>-separated.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="LocalPath">Where the copy lives until the result is disposed.</param>
public sealed record ContainerOutputFile(string Path, long Size, string LocalPath)
{
    public Stream OpenRead() => File.OpenRead(LocalPath);

    public string ReadAllText() => File.ReadAllText(LocalPath);

    public IEnumerable<string> ReadLines() => File.ReadLines(LocalPath);
}
