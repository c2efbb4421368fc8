namespace ShipSec.Storage.Tests.Infrastructure;

/// <summary>Which artifact store a fixture's server uses.</summary>
public enum StorageKind { FileSystem, S3 }
