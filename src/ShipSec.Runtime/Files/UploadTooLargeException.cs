namespace ShipSec.Runtime.Files;

/// <summary>An upload went past <c>ShipSec:Files:MaxUploadBytes</c>; nothing of it is kept.</summary>
public sealed class UploadTooLargeException(long limit)
    : Exception($"The upload is larger than the limit of {limit} bytes (ShipSec:Files:MaxUploadBytes).")
{
    public long Limit { get; } = limit;
}
