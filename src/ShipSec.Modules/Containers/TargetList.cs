namespace ShipSec.Modules.Containers;

/// <summary>
/// Reads the targets a scanner module is given (wired input or parameter of the same id) and refuses the ones a tool could
/// misread: empty lists, whitespace inside a target (a list file would split it) and a leading <c>-</c> (it would become an option).
/// </summary>
public static class TargetList
{
    /// <summary>Longest target accepted (a URL with a long path still fits).</summary>
    public const int MaxLength = 2048;

    /// <summary>The distinct, trimmed targets of <paramref name="id"/>; throws a validation error naming the offending target.</summary>
    public static IReadOnlyList<string> Read(ModuleContext context, string id = "targets")
    {
        var values = context.InputOrParam<List<string>>(id) ?? [];
        var targets = values.Select(v => v?.Trim() ?? "").Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (targets.Count == 0)
            throw new ModuleException(ModuleErrorKind.Validation, $"'{id}' is empty: connect a list of targets or set the parameter.");
        foreach (var target in targets)
        {
            if (target.StartsWith('-'))
                throw new ModuleException(ModuleErrorKind.Validation, $"Target '{target}' in '{id}' starts with '-', which the tool would read as an option.");
            if (target.Any(char.IsWhiteSpace) || target.Contains('\0'))
                throw new ModuleException(ModuleErrorKind.Validation, $"Target '{target}' in '{id}' contains whitespace; give one host, address, range or URL per item.");
            if (target.Length > MaxLength)
                throw new ModuleException(ModuleErrorKind.Validation, $"A target in '{id}' is longer than {MaxLength} characters.");
        }
        return targets;
    }
}
