using System.Net.Http.Headers;

namespace ShipSec.Runtime.Artifacts;

/// <summary>Content types that are safe to record and to send back as a response header.</summary>
public static class ContentTypes
{
    public const string Binary = "application/octet-stream";

    /// <summary>The given media type when it is well formed, else <c>application/octet-stream</c>.</summary>
    public static string Safe(string? contentType) =>
        !string.IsNullOrWhiteSpace(contentType) && MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType is not null
            ? parsed.ToString()
            : Binary;
}
