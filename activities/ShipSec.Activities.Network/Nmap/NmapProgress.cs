using System.Globalization;
using System.Text.RegularExpressions;

namespace ShipSec.Activities.Network.Nmap;

/// <summary>
/// Reads nmap's periodic statistics (<c>--stats-every</c>), e.g. <c>Service scan Timing: About 50.00% done; ETC: …</c>,
/// into a phase and a percentage.
/// </summary>
public static partial class NmapProgress
{
    /// <summary>The phase and whole percent of a timing line, or null for any other line.</summary>
    public static (string Phase, int Percent)? Parse(string line)
    {
        var match = TimingLine().Match(line);
        if (!match.Success) return null;
        var percent = double.Parse(match.Groups["percent"].Value, CultureInfo.InvariantCulture);
        return (match.Groups["phase"].Value, (int)Math.Clamp(Math.Floor(percent), 0, 100));
    }

    [GeneratedRegex(@"^(?<phase>[A-Za-z][A-Za-z /-]*?) Timing: About (?<percent>\d+(?:\.\d+)?)% done")]
    private static partial Regex TimingLine();
}
