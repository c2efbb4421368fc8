namespace ShipSec.Runtime.Artifacts;

/// <summary>Where artifact and uploaded-file bytes live; keys are built by the runtime from ids, never from user-supplied names.</summary>
public interface IArtifactStore
{
    /// <summary>Streams <paramref name="content"/> to <paramref name="key"/>, computing size and SHA-256 while writing; replaces an existing object.</summary>
    Task<StoredObject> PutAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>
    /// Opens the object for reading; null when it does not exist. The stream is seekable and knows its length, so the
    /// API can serve HTTP range requests without reading the bytes before the range.
    /// </summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes the object; deleting a missing object is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Throws when the store cannot be written to (readiness check).</summary>
    Task CheckAvailableAsync(CancellationToken cancellationToken);

    /// <summary>Provider and location, for health reports (never credentials).</summary>
    string Description { get; }
}

/// <summary>What was written: the key, byte count and lowercase hex SHA-256.</summary>
public sealed record StoredObject(string Key, long Size, string Sha256);
