namespace ShipSec.Modules;

/// <summary>A file uploaded through the API, opened for a module by <see cref="ModuleContext.OpenFile"/>; dispose it when done.</summary>
public sealed record UploadedFile(string Id, string Name, string MimeType, long Size, Stream Content) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
