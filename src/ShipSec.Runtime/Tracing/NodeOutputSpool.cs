using System.Text;

namespace ShipSec.Runtime.Tracing;

/// <summary>
/// The raw output of one node attempt, written line by line as it arrives and kept off the heap: the first
/// <see cref="MemoryLimit"/> bytes in memory, everything beyond in a temporary file deleted on dispose. At the end of the
/// attempt it is read back once, to become the node's output artifact. Not thread-safe.
/// </summary>
public sealed class NodeOutputSpool : IDisposable
{
    /// <summary>Output up to this size never touches the disk.</summary>
    public const int MemoryLimit = 64 * 1024;

    private const int FileBufferSize = 64 * 1024;
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private Stream _content = new MemoryStream();

    /// <summary>Bytes written so far.</summary>
    public long Length => _content.Length;

    /// <summary>Appends <paramref name="line"/> and a line feed.</summary>
    public void Write(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        if (_content is MemoryStream memory && memory.Length + bytes.Length + 1 > MemoryLimit) _content = SpillToFile(memory);
        _content.Write(bytes);
        _content.Write(NewLine);
    }

    /// <summary>The whole output from its first byte; valid until the spool is disposed.</summary>
    public Stream ReadBack()
    {
        _content.Flush();
        _content.Position = 0;
        return _content;
    }

    public void Dispose() => _content.Dispose();

    private static FileStream SpillToFile(MemoryStream memory)
    {
        var path = Path.Combine(Path.GetTempPath(), $"shipsec-node-output-{Guid.NewGuid():N}.log");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileBufferSize, FileOptions.DeleteOnClose);
        memory.Position = 0;
        memory.CopyTo(file);
        return file;
    }
}
