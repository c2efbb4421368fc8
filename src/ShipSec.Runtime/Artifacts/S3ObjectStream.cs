namespace ShipSec.Runtime.Artifacts;

/// <summary>
/// A read-only, seekable view of an S3 object of known length: reads stream one HTTP response; a seek drops it, and the
/// next read opens a ranged GET at the new position. This is what lets the API serve byte ranges of large objects.
/// </summary>
internal sealed class S3ObjectStream(long length, HttpResponseMessage first, Func<long, CancellationToken, Task<HttpResponseMessage>> openAt)
    : Stream
{
    private HttpResponseMessage? _response = first;
    private Stream? _body;
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        if (target < 0) throw new IOException("Cannot seek before the start of the object.");
        if (target != _position)
        {
            CloseResponse();
            _position = target;
        }
        return _position;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.Length == 0 || _position >= length) return 0;
        _response ??= await openAt(_position, cancellationToken);
        _body ??= await _response.Content.ReadAsStreamAsync(cancellationToken);
        var read = await _body.ReadAsync(buffer, cancellationToken);
        if (read == 0) throw new IOException($"The object ended after {_position} of its {length} bytes.");
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) CloseResponse();
        base.Dispose(disposing);
    }

    private void CloseResponse()
    {
        _body?.Dispose();
        _body = null;
        _response?.Dispose();
        _response = null;
    }
}
