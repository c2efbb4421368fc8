using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ShipSec.Activities.Tests.Support;

/// <summary>A Kestrel server on 127.0.0.1 (random ports) with routes the test maps: plain HTTP, and HTTPS when given a certificate.</summary>
public sealed class TestWebServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestWebServer(WebApplication app, Uri http, Uri? https)
    {
        _app = app;
        Http = http;
        Https = https;
    }

    /// <summary>Base URL of the plain HTTP listener, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Http { get; }

    /// <summary>Base URL of the HTTPS listener, when started with a certificate.</summary>
    public Uri? Https { get; }

    /// <summary>Starts a server whose routes <paramref name="map"/> declares.</summary>
    public static async Task<TestWebServer> Start(Action<WebApplication> map, X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
            if (certificate is not null)
                kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate));
        });
        var app = builder.Build();
        map(app);
        await app.StartAsync();

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        return new TestWebServer(app, addresses.Single(a => a.Scheme == "http"), addresses.SingleOrDefault(a => a.Scheme == "https"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>A self-signed server certificate for <paramref name="commonName"/>, valid between the given dates.</summary>
    public static X509Certificate2 SelfSignedCertificate(string commonName, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}, O=ShipSec Tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(commonName);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        // Re-import so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    /// <summary>A loopback port nothing listens on (bound, then released).</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
