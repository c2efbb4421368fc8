using System.Text;
using ShipSec.Modules.Containers;

namespace ShipSec.Runtime.Containers;

/// <summary>
/// Cuts one output stream into lines as bytes arrive. A line ends at <c>\n</c>, <c>\r\n</c> or a lone <c>\r</c> (the way
/// terminal progress bars redraw themselves). Memory stays bounded by <c>maxLineBytes</c> whatever the tool prints: a longer line
/// is passed on cut and marked truncated, and its remainder is skipped up to the next line end.
/// </summary>
public sealed class OutputLineSplitter(ContainerStream stream, int maxLineBytes)
{
    private readonly byte[] _line = new byte[maxLineBytes];
    private int _length;
    private bool _skippingRemainder;
    private bool _afterCarriageReturn;

    /// <summary>Consumes <paramref name="data"/> and appends each completed line to <paramref name="lines"/>.</summary>
    public void Push(ReadOnlySpan<byte> data, List<ContainerLine> lines)
    {
        // A \n right after a \r that already ended a line belongs to that line end.
        if (_afterCarriageReturn && !data.IsEmpty)
        {
            _afterCarriageReturn = false;
            if (data[0] == (byte)'\n') data = data[1..];
        }
        while (!data.IsEmpty)
        {
            var end = data.IndexOfAny((byte)'\n', (byte)'\r');
            var chunk = end < 0 ? data : data[..end];
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

            if (end < 0) return;
            if (_skippingRemainder) _skippingRemainder = false;
            else lines.Add(Take(truncated: false));
            var carriageReturn = data[end] == (byte)'\r';
            data = data[(end + 1)..];
            if (!carriageReturn) continue;
            if (data.IsEmpty) _afterCarriageReturn = true;
            else if (data[0] == (byte)'\n') data = data[1..];
        }
    }

    /// <summary>Appends the last line when the stream ended without a line end.</summary>
    public void Flush(List<ContainerLine> lines)
    {
        if (_length > 0 && !_skippingRemainder) lines.Add(Take(truncated: false));
        _length = 0;
        _skippingRemainder = false;
        _afterCarriageReturn = false;
    }

    private ContainerLine Take(bool truncated)
    {
        var text = Encoding.UTF8.GetString(_line, 0, _length);
        _length = 0;
        return new ContainerLine(stream, text, truncated);
    }
}
