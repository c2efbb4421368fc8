using System.Globalization;

namespace ShipSec.Activities.Recon.Dig;

/// <summary>One answer record dig printed, filed under the name that was asked for (so a CNAME chain's addresses stay with it).</summary>
public sealed record DigRecord(string Hostname, string Type, string Value, int Ttl);

/// <summary>
/// Reads dig's batch output with <c>+noall +question +answer</c>: a <c>;name. IN TYPE</c> question line starts each query,
/// answer lines (<c>name. TTL IN TYPE data</c>) follow, and <c>;;</c> lines report failures.
/// </summary>
public sealed class DigAnswers
{
    private readonly List<DigRecord> _records = [];
    private readonly List<string> _failures = [];
    private string? _question;

    public IReadOnlyList<DigRecord> Records => _records;

    /// <summary>Failure lines such as <c>;; no servers could be reached</c>.</summary>
    public IReadOnlyList<string> Failures => _failures;

    /// <summary>Feeds one stdout line.</summary>
    public void Add(string line)
    {
        var text = line.Trim();
        if (text.Length == 0) return;
        if (text.StartsWith(";;", StringComparison.Ordinal))
        {
            if (text.Contains("no servers could be reached", StringComparison.Ordinal) || text.Contains("connection timed out", StringComparison.Ordinal))
                _failures.Add(text.TrimStart(';', ' '));
            return;
        }
        var fields = text.TrimStart(';').Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (text.StartsWith(';'))
        {
            if (fields.Length >= 1) _question = Name(fields[0]);
            return;
        }
        if (fields.Length < 5 || !int.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ttl)) return;
        var value = string.Join(' ', fields[4..]);
        _records.Add(new DigRecord(_question ?? Name(fields[0]), fields[3].ToUpperInvariant(), fields[3] is "TXT" ? value.Trim('"') : Name(value), ttl));
    }

    private static string Name(string value) => value.EndsWith('.') ? value[..^1] : value;
}
