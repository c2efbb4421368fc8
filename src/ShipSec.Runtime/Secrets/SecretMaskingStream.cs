using System.Text;

namespace ShipSec.Runtime.Secrets;

/// <summary>
/// Reads through to a stream and replaces every UTF-8 occurrence of a secret by <c>***</c>, also across chunk
/// boundaries: bytes that could still begin a secret are held back until the next chunk decides. Used for artifacts of
/// attempts that received secrets, so a tool that writes its key into its output file does not store it.
/// </summary>
public sealed class SecretMaskingStream : Stream
{
    private const int ChunkSize = 81920;
    private static readonly byte[] Replacement = Encoding.UTF8.GetBytes(SecretMask.Mask);

    private readonly Stream _inner;
    private readonly byte[][] _secrets;
    private readonly bool[] _firstBytes = new bool[256];
    private readonly int _longest;
    private byte[] _pending = new byte[ChunkSize * 2];
    private int _pendingCount;
    private readonly MemoryStream _ready = new();
    private bool _innerEnded;

    public SecretMaskingStream(Stream inner, IEnumerable<string> secrets)
    {
        _inner = inner;
        _secrets = secrets.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)
            .Select(s => Encoding.UTF8.GetBytes(s)).ToArray();
        foreach (var secret in _secrets) _firstBytes[secret[0]] = true;
        _longest = _secrets.Length == 0 ? 0 : _secrets.Max(s => s.Length);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_ready.Position == _ready.Length && !(_innerEnded && _pendingCount == 0))
        {
            if (!_innerEnded)
            {
                EnsurePendingRoom(ChunkSize);
                var read = await _inner.ReadAsync(_pending.AsMemory(_pendingCount, ChunkSize), cancellationToken);
                if (read == 0) _innerEnded = true;
                _pendingCount += read;
            }
            Scan();
        }
        return _ready.Read(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        // The inner stream belongs to the module that emitted it.
        if (disposing) _ready.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>Moves masked pending bytes to the ready buffer, keeping back a tail that may be the start of a secret.</summary>
    private void Scan()
    {
        _ready.SetLength(0);
        var pending = _pending.AsSpan(0, _pendingCount);
        var i = 0;
        var copiedUpTo = 0;
        while (i < pending.Length)
        {
            if (!_firstBytes[pending[i]])
            {
                i++;
                continue;
            }
            var rest = pending[i..];
            var match = MatchAt(rest);
            if (match is not null)
            {
                _ready.Write(pending[copiedUpTo..i]);
                _ready.Write(Replacement);
                i += match.Length;
                copiedUpTo = i;
                continue;
            }
            // Too few bytes left to tell: wait for more unless the input has ended.
            if (!_innerEnded && rest.Length < _longest && CouldStartSecret(rest)) break;
            i++;
        }
        _ready.Write(pending[copiedUpTo..i]);
        pending[i..].CopyTo(_pending);
        _pendingCount = pending.Length - i;
        _ready.Position = 0;
    }

    /// <summary>The longest secret <paramref name="bytes"/> starts with, or null.</summary>
    private byte[]? MatchAt(ReadOnlySpan<byte> bytes)
    {
        foreach (var secret in _secrets)
        {
            if (bytes.StartsWith(secret)) return secret;
        }
        return null;
    }

    /// <summary>Whether <paramref name="tail"/> is the beginning of some secret.</summary>
    private bool CouldStartSecret(ReadOnlySpan<byte> tail)
    {
        foreach (var secret in _secrets)
        {
            if (secret.AsSpan().StartsWith(tail)) return true;
        }
        return false;
    }

    private void EnsurePendingRoom(int bytes)
    {
        if (_pending.Length - _pendingCount >= bytes) return;
        Array.Resize(ref _pending, _pendingCount + bytes);
    }
}
