namespace ShipSec.Activities.Web.Probe;

/// <summary>Process-wide settings of <c>web.http.probe</c> (per-run settings are node parameters).</summary>
public sealed class HttpProbeOptions
{
    /// <summary>User-Agent sent with every probe.</summary>
    public string UserAgent { get; set; } = "ShipSec-Probe/1.0";

    /// <summary>How much of each body is read to find the title.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Creates the handler for one run, e.g. to add a proxy or a client certificate. The prober then sets redirect handling,
    /// decompression, cookies and the certificate callback on it, which it needs to record redirect chains and certificates.
    /// </summary>
    public Func<HttpClientHandler> CreateHandler { get; set; } = () => new HttpClientHandler();
}
