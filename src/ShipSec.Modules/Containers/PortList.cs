using System.Text.RegularExpressions;

namespace ShipSec.Modules.Containers;

/// <summary>Validation of the port lists scanners take (<c>80,443,8000-8100</c>), so a parameter can never smuggle in an option.</summary>
public static partial class PortList
{
    /// <summary>Returns <paramref name="ports"/> without spaces when it is a list of ports and ranges; throws a validation error naming <paramref name="field"/> otherwise.</summary>
    public static string Check(string ports, string field)
    {
        var compact = ports.Replace(" ", "", StringComparison.Ordinal);
        if (!Ports().IsMatch(compact) || compact.Split(',', '-').Any(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) is < 1 or > 65535))
            throw new ModuleException(ModuleErrorKind.Validation, $"'{field}' must list ports or ranges between 1 and 65535 such as 80,443,8000-8100, got '{ports}'.");
        return compact;
    }

    [GeneratedRegex(@"^\d{1,5}(-\d{1,5})?(,\d{1,5}(-\d{1,5})?)*$")]
    private static partial Regex Ports();
}
