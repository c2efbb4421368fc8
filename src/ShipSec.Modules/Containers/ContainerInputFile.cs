using System.Text;

namespace ShipSec.Modules.Containers;

/// <summary>A file written to <see cref="ContainerPaths.InputDirectory"/> before the container starts (targets list, wordlist, templates).</summary>
public sealed record ContainerInputFile
{
    public ContainerInputFile(string path, ReadOnlyMemory<byte> content)
    {
        Path = CheckRelativePath(path);
        Content = content;
    }

    /// <summary>Path relative to the input directory, with <c>/</c> separators and no <c>..</c> segment.</summary>
    public string Path { get; }

    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>A UTF-8 text file.</summary>
    public static ContainerInputFile FromText(string path, string text) => new(path, Encoding.UTF8.GetBytes(text));

    /// <summary>A file of one line per item, the input format most tools take for target lists.</summary>
    public static ContainerInputFile FromLines(string path, IEnumerable<string> lines) => FromText(path, string.Join('\n', lines) + "\n");

    /// <summary>Returns <paramref name="path"/> when it stays inside its directory; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static string CheckRelativePath(string path)
    {
        var segments = path.Split('/');
        if (path.Length == 0 || path.StartsWith('/') || path.Contains('\\') || path.Contains('\0')
            || segments.Any(s => s is "" or "." or ".."))
            throw new ArgumentException($"'{path}' is not a relative path inside the container work directory.", nameof(path));
        return path;
    }
}
