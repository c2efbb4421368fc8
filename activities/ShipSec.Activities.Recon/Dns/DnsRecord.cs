namespace ShipSec.Activities.Recon.Dns;

/// <summary>One answer of a lookup: <paramref name="Hostname"/> is the name that was asked for (a CNAME target's addresses are listed under it too).</summary>
public sealed record DnsRecord(string Hostname, string Type, string Value, int Ttl);
