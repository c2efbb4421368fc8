namespace ShipSec.Runtime.Files;

/// <summary>An uploaded file as the API shows it.</summary>
public sealed record FileView(string Id, string Name, string MimeType, long Size, string Sha256, DateTimeOffset CreatedAt);

/// <summary>An uploaded file opened for reading; the caller disposes it.</summary>
public sealed record FileContent(FileView File, Stream Content) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
