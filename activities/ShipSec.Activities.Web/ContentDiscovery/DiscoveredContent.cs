using System.Text.Json;
using ShipSec.Modules;
using ShipSec.Modules.Containers;

namespace ShipSec.Activities.Web.ContentDiscovery;

/// <summary>A path that answered during content discovery.</summary>
public sealed record DiscoveredContent(string Url, string Path, int Status, long Length, long Words, long Lines, string? RedirectLocation);

/// <summary>Reads ffuf's JSON output (<c>-of json</c>): <c>{results: [{url, status, length, words, lines, redirectlocation}]}</c>.</summary>
public static class FfufJson
{
    public static IReadOnlyList<DiscoveredContent> Parse(Stream json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
                return [];
            return [.. results.EnumerateArray().Where(r => r.String("url") is not null).Select(r =>
            {
                var url = r.String("url")!;
                var redirect = r.String("redirectlocation");
                return new DiscoveredContent(url, PathOf(url), (int)(r.Integer("status") ?? 0), r.Integer("length") ?? 0, r.Integer("words") ?? 0,
                    r.Integer("lines") ?? 0, string.IsNullOrEmpty(redirect) ? null : redirect);
            }).OrderBy(c => c.Url, StringComparer.Ordinal)];
        }
        catch (JsonException exception)
        {
            throw new ModuleException(ModuleErrorKind.Container, $"ffuf wrote unreadable JSON: {exception.Message}");
        }
    }

    private static string PathOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url;
}
