using System.Text.Json;
using ShipSec.Modules;
using ShipSec.Modules.Containers;

namespace ShipSec.Activities.Web.Wafw00f;

/// <summary>Whether a web application firewall sits in front of a URL, and which.</summary>
/// <param name="Firewall">The WAF's name, e.g. <c>Cloudflare</c>; null when none was detected.</param>
public sealed record WafDetection(string Url, bool Detected, string? Firewall, string? Manufacturer);

/// <summary>Reads wafw00f's JSON output (<c>-o file -f json</c>): an array of <c>{url, detected, firewall, manufacturer}</c>.</summary>
public static class Wafw00fJson
{
    public static IReadOnlyList<WafDetection> Parse(Stream json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array) return [];
            return [.. document.RootElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(e =>
            {
                var detected = e.Boolean("detected") ?? false;
                return new WafDetection(e.String("url") ?? "", detected, detected ? Named(e.String("firewall")) : null, detected ? Named(e.String("manufacturer")) : null);
            })];
        }
        catch (JsonException exception)
        {
            throw new ModuleException(ModuleErrorKind.Container, $"wafw00f wrote unreadable JSON: {exception.Message}");
        }
    }

    // wafw00f writes the text "None" when it has no name.
    private static string? Named(string? value) => value is null or "None" or "" ? null : value;
}
