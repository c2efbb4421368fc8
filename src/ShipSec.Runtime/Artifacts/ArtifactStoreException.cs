namespace ShipSec.Runtime.Artifacts;

/// <summary>The artifact store refused or failed an operation; the message names the object and the store's answer (never credentials).</summary>
public sealed class ArtifactStoreException(string message, Exception? inner = null) : Exception(message, inner);
