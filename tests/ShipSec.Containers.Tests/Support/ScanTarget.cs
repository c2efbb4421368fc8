using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ShipSec.Containers.Tests.Support;

/// <summary>
/// The test-owned target the scanner modules scan: Kestrel on 127.0.0.1 with a plain HTTP and a TLS listener (self-signed
/// certificate for <see cref="CertificateName"/>), a titled home page, a few discoverable paths and an optional WAF disguise.
/// </summary>
public sealed class ScanTarget : IAsyncDisposable
{
    public const string CertificateName = "scan-target.shipsec.test";
    public const string Title = "ShipSec Scan Target";

    /// <summary>The Server header the target sends (Kestrel's own is not in nmap's service database): nmap and whatweb both name it.</summary>
    public const string ServerProduct = "nginx";
    public const string ServerVersion = "1.24.0";

    private readonly WebApplication _app;

    private ScanTarget(WebApplication app, int httpPort, int httpsPort)
    {
        _app = app;
        HttpPort = httpPort;
        HttpsPort = httpsPort;
    }

    public int HttpPort { get; }

    public int HttpsPort { get; }

    public string HttpUrl => $"http://127.0.0.1:{HttpPort}";

    public string HttpsUrl => $"https://127.0.0.1:{HttpsPort}";

    /// <summary>Paths that answer 200 besides the home page, for content discovery.</summary>
    public static readonly string[] HiddenPaths = ["admin", "backup"];

    /// <summary>Starts the target; with <paramref name="poseAsCloudflare"/> every response carries Cloudflare's headers, which WAF detectors recognise.</summary>
    public static async Task<ScanTarget> Start(bool poseAsCloudflare = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var certificate = SelfSignedCertificate();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate));
        });
        var app = builder.Build();
        app.Use(async (http, next) =>
        {
            http.Response.Headers.Server = $"{ServerProduct}/{ServerVersion}";
            await next(http);
        });
        if (poseAsCloudflare)
        {
            app.Use(async (http, next) =>
            {
                http.Response.Headers.Server = "cloudflare";
                http.Response.Headers["CF-RAY"] = "8c1f2e3d4a5b6c7d-AMS";
                http.Response.Headers.SetCookie = "__cfduid=d41d8cd98f00b204e9800998ecf8427e; path=/";
                await next(http);
            });
        }
        app.MapGet("/", () => Results.Content($"<html><head><title>{Title}</title></head><body><h1>target</h1></body></html>", "text/html"));
        foreach (var path in HiddenPaths)
            app.MapGet("/" + path, () => Results.Content($"<html><head><title>{path}</title></head><body>{path}</body></html>", "text/html"));
        await app.StartAsync();

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        return new ScanTarget(app, addresses.Single(a => a.Scheme == "http").Port, addresses.Single(a => a.Scheme == "https").Port);
    }

    /// <summary>A loopback port nothing listens on (bound, then released).</summary>
    public static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={CertificateName}, O=ShipSec Tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(CertificateName);
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(90));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
