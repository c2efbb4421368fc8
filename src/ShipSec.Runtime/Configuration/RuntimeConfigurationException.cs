namespace ShipSec.Runtime.Configuration;

/// <summary>The configuration asks for something this build cannot do; thrown at startup with the key to change.</summary>
public sealed class RuntimeConfigurationException(string message) : Exception(message);
