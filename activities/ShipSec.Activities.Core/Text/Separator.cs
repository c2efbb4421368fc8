using System.Text;

namespace ShipSec.Activities.Core.Text;

/// <summary>Reads a separator parameter: designers type escapes (<c>\n</c>, <c>\t</c>, <c>\r\n</c>) as two characters, which mean the control character.</summary>
internal static class Separator
{
    public static string Parse(string raw)
    {
        var result = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\\' && i + 1 < raw.Length)
            {
                var escaped = raw[i + 1] switch { 'n' => "\n", 'r' => "\r", 't' => "\t", '\\' => "\\", _ => null };
                if (escaped is not null)
                {
                    result.Append(escaped);
                    i++;
                    continue;
                }
            }
            result.Append(raw[i]);
        }
        return result.ToString();
    }
}
