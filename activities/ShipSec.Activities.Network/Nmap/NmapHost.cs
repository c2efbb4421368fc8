namespace ShipSec.Activities.Network.Nmap;

/// <summary>One scanned host as nmap reported it.</summary>
/// <param name="Status"><c>up</c>, <c>down</c> or <c>unknown</c>.</param>
public sealed record NmapHost(string Address, string AddressType, IReadOnlyList<string> Hostnames, string Status, IReadOnlyList<NmapPort> Ports);

/// <summary>One port of a host; <see cref="Service"/>, <see cref="Product"/> and <see cref="Version"/> come from service detection when it identified them.</summary>
/// <param name="State"><c>open</c>, <c>closed</c>, <c>filtered</c>, <c>open|filtered</c>…</param>
/// <param name="Tunnel"><c>ssl</c> when the service was found inside TLS (nmap's ssl/http).</param>
public sealed record NmapPort(int Port, string Protocol, string State, string? Service, string? Product, string? Version, string? ExtraInfo, string? Tunnel = null);
