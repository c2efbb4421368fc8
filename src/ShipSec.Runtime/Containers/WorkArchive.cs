using System.Formats.Tar;
using ShipSec.Modules;
using ShipSec.Modules.Containers;

namespace ShipSec.Runtime.Containers;

/// <summary>
/// Moves files in and out of a container's work volume through the archive API, which works with a remote daemon as well as a
/// local one (no host path is shared with the container).
/// </summary>
public static class WorkArchive
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>
    /// A tar holding <c>in/</c> with the spec's input files and an empty <c>out/</c>, to extract at <see cref="ContainerPaths.WorkDirectory"/>.
    /// Directories are world-writable so a tool image that runs as a non-root user can still write its output.
    /// </summary>
    public static MemoryStream ForInputs(IReadOnlyList<ContainerInputFile> files)
    {
        var archive = new MemoryStream();
        using (var writer = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true))
        {
            var directories = new SortedSet<string>(StringComparer.Ordinal) { "in", "out" };
            foreach (var file in files)
            {
                var parts = file.Path.Split('/');
                for (var depth = 1; depth < parts.Length; depth++)
                    directories.Add("in/" + string.Join('/', parts[..depth]));
            }
            foreach (var directory in directories)
                writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, directory + "/") { Mode = DirectoryMode });
            foreach (var file in files)
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, "in/" + file.Path)
                {
                    Mode = FileMode,
                    DataStream = new MemoryStream(file.Content.ToArray(), writable: false),
                };
                writer.WriteEntry(entry);
            }
        }
        archive.Position = 0;
        return archive;
    }

    /// <summary>Room for tar headers and padding on top of the output bytes a spec allows.</summary>
    public const long ArchiveOverheadBytes = 1024 * 1024;

    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/>, failing with a container error once more than <paramref name="limit"/> bytes arrive.</summary>
    public static async Task CopyBounded(Stream source, Stream target, long limit, long maxOutputBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long copied = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            copied += read;
            if (copied > limit) throw OutputTooLarge(maxOutputBytes);
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    /// <summary>
    /// Extracts the regular files of a tar of the output directory (entries named <c>out/…</c>) into <paramref name="localDirectory"/>,
    /// refusing paths that leave it and stopping with a container error past <paramref name="maxBytes"/>.
    /// </summary>
    public static async Task<List<ContainerOutputFile>> ExtractOutputs(Stream tar, string localDirectory, long maxBytes, CancellationToken cancellationToken)
    {
        var files = new List<ContainerOutputFile>();
        long total = 0;
        await using var reader = new TarReader(tar, leaveOpen: true);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null) continue;
            var slash = entry.Name.IndexOf('/');
            if (slash < 0) continue;
            var relative = entry.Name[(slash + 1)..];
            try
            {
                ContainerInputFile.CheckRelativePath(relative);
            }
            catch (ArgumentException)
            {
                continue;
            }

            total += entry.Length;
            if (total > maxBytes) throw OutputTooLarge(maxBytes);
            var localPath = Path.Combine(localDirectory, relative.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(localPath)!);
            await using (var target = File.Create(localPath))
                await entry.DataStream.CopyToAsync(target, cancellationToken);
            files.Add(new ContainerOutputFile(relative, entry.Length, localPath));
        }
        return files;
    }

    private static ModuleException OutputTooLarge(long maxBytes) =>
        new(ModuleErrorKind.Container, $"The tool's output files exceed {maxBytes} bytes; narrow the scan or raise the module's output limit.", new { maxBytes });
}
