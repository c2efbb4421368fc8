using System.Text;
using System.Text.Json;

namespace ShipSec.Activities.Core.Report;

/// <summary>Appends markdown blocks (headings, tables, lists, code) with cell and inline escaping.</summary>
internal sealed class MarkdownWriter
{
    private readonly StringBuilder _text = new();

    /// <summary>A heading; <paramref name="text"/> is markdown.</summary>
    public MarkdownWriter Heading(int level, string text)
    {
        _text.Append('#', level).Append(' ').AppendLine(text).AppendLine();
        return this;
    }

    public MarkdownWriter Paragraph(string markdown)
    {
        _text.AppendLine(markdown).AppendLine();
        return this;
    }

    /// <summary>A table whose cells are already markdown (use <see cref="Inline"/> or <see cref="Code"/>); pipes and line breaks are escaped here.</summary>
    public MarkdownWriter Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        _text.Append("| ").AppendJoin(" | ", headers.Select(Cell)).AppendLine(" |");
        _text.Append('|').AppendJoin('|', headers.Select(_ => " --- ")).AppendLine("|");
        foreach (var row in rows)
            _text.Append("| ").AppendJoin(" | ", row.Select(Cell)).AppendLine(" |");
        _text.AppendLine();
        return this;
    }

    public MarkdownWriter Bullets(IEnumerable<string> markdownItems)
    {
        foreach (var item in markdownItems)
            _text.Append("- ").AppendLine(item);
        _text.AppendLine();
        return this;
    }

    public MarkdownWriter Json(JsonElement value)
    {
        var json = JsonSerializer.Serialize(value, new JsonSerializerOptions { WriteIndented = true });
        var fence = json.Contains("```", StringComparison.Ordinal) ? "````" : "```";
        _text.Append(fence).AppendLine("json").AppendLine(json).AppendLine(fence).AppendLine();
        return this;
    }

    /// <summary>Escapes text placed inline (headings, list items) so it cannot start markup of its own.</summary>
    public static string Inline(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ReplaceLineEndings(" "))
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#') builder.Append('\\');
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>Inline code, with a fence longer than any backtick run inside.</summary>
    public static string Code(string text)
    {
        var flat = text.ReplaceLineEndings(" ");
        var fence = new string('`', LongestRun(flat, '`') + 1);
        var pad = flat.StartsWith('`') || flat.EndsWith('`') ? " " : "";
        return $"{fence}{pad}{flat}{pad}{fence}";
    }

    public override string ToString() => _text.ToString().TrimEnd() + "\n";

    private static string Cell(string markdown) => markdown.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal).Trim();

    private static int LongestRun(string text, char c)
    {
        int longest = 0, current = 0;
        foreach (var ch in text)
        {
            current = ch == c ? current + 1 : 0;
            longest = Math.Max(longest, current);
        }
        return longest;
    }
}
