using System.Text.Json;
using ShipSec.Modules;
using ShipSec.Modules.Containers;

namespace ShipSec.Activities.Web.WhatWeb;

/// <summary>Reads whatweb's <c>--log-json</c> file: a JSON array with one object per target that answered.</summary>
public static class WhatWebJson
{
    // Plugins that describe the request rather than the site's technology.
    private static readonly HashSet<string> NotTechnologies = new(StringComparer.Ordinal) { "Country", "IP", "Title", "RedirectLocation", "UncommonHeaders" };

    public static IReadOnlyList<WhatWebResult> Parse(Stream json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new ModuleException(ModuleErrorKind.Container, $"whatweb wrote an unreadable JSON log: {exception.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array) return [];
            return [.. document.RootElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(Result)];
        }
    }

    private static WhatWebResult Result(JsonElement entry)
    {
        var plugins = entry.Object("plugins");
        var technologies = new List<WebTechnology>();
        string? title = null;
        if (plugins is { } found)
        {
            foreach (var plugin in found.EnumerateObject())
            {
                if (plugin.Name == "Title") title = plugin.Value.Strings("string").FirstOrDefault();
                if (NotTechnologies.Contains(plugin.Name)) continue;
                technologies.Add(new WebTechnology(plugin.Name, plugin.Value.Strings("version"), [.. plugin.Value.Strings("string"), .. plugin.Value.Strings("module")]));
            }
        }
        return new WhatWebResult(entry.String("target") ?? "", (int?)entry.Integer("http_status"), title, technologies);
    }
}
