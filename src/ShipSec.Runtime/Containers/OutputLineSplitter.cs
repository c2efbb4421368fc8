using System.Text;
using ShipSec.Modules.Containers;

namespace ShipSec.Runtime.Containers;

/// <summary>
/// Cuts one output stream into lines as bytes arrive. Memory stays bounded by <c>maxLineBytes</c> whatever the tool prints: a longer
/// line is passed on cut and marked truncated, and its remainder is skipped up to the next newline.
/// </summary>
public sealed class OutputLineSplitter(ContainerStream stream, int maxLineBytes)
{
    private readonly byte[] _line = new byte[maxLineBytes];
    private int _length;
    private bool _skippingRemainder;

    /// <summary>Consumes <paramref name="data"/> and appends each completed line to <paramref name="lines"/>.</summary>
    public void Push(ReadOnlySpan<byte> data, List<ContainerLine> lines)
    {
        while (!data.IsEmpty)
        {
            var newline = data.IndexOf((byte)'\n');
            var chunk = newline < 0 ? data : data[..newline];
            if (!_skippingRemainder)
            {
                var room = _line.Length - _length;
                if (chunk.Length <= room)
                {
                    chunk.CopyTo(_line.AsSpan(_length));
                    _length += chunk.Length;
                }
                else
                {
                    chunk[..room].CopyTo(_line.AsSpan(_length));
                    _length += room;
                    lines.Add(Take(truncated: true));
                    _skippingRemainder = true;
                }
            }

            if (newline < 0) return;
            if (_skippingRemainder) _skippingRemainder = false;
            else lines.Add(Take(truncated: false));
            data = data[(newline + 1)..];
        }
    }

    /// <summary>Appends the last line when the stream ended without a newline.</summary>
    public void Flush(List<ContainerLine> lines)
    {
        if (_length > 0 && !_skippingRemainder) lines.Add(Take(truncated: false));
        _length = 0;
        _skippingRemainder = false;
    }

    private ContainerLine Take(bool truncated)
    {
        var length = _length;
        if (!truncated && length > 0 && _line[length - 1] == '\r') length--;
        var text = Encoding.UTF8.GetString(_line, 0, length);
        _length = 0;
        return new ContainerLine(stream, text, truncated);
    }
}
