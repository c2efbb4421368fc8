using System.Net;
using System.Net.Http.Headers;
using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;
using ShipSec.Runtime.Configuration;

namespace ShipSec.Runtime.Artifacts;

/// <summary>
/// Objects in an S3 bucket (MinIO in production) through the Minio client; the bucket is created when missing.
/// A write spools the content to a temporary file while counting and hashing it, then streams the file to a
/// presigned PUT, so memory stays bounded whatever the size (the client's own upload holds each 5 MiB part in memory,
/// several copies at a time). Reads stream presigned GETs, with HTTP ranges for seeks, because Minio 7.0.0 fails on
/// partial (206) responses.
/// </summary>
public sealed class S3ArtifactStore : IArtifactStore, IDisposable
{
    /// <summary>The largest object one S3 PUT may carry; larger ones go through the client's multipart upload.</summary>
    private const long MaxSinglePutBytes = 5L * 1024 * 1024 * 1024;
    private const int PresignedExpirySeconds = 15 * 60;

    private readonly IMinioClient _client;
    private readonly HttpClient _http;
    private readonly string _bucket;
    private readonly string _endpoint;
    private readonly string _spoolFolder;
    private readonly SemaphoreSlim _bucketLock = new(1, 1);
    private volatile bool _bucketReady;

    private S3ArtifactStore(IMinioClient client, string endpoint, string bucket, string spoolFolder)
    {
        _client = client;
        _endpoint = endpoint;
        _bucket = bucket;
        _spoolFolder = spoolFolder;
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>
    /// A store for <paramref name="options"/>; <paramref name="spoolFolder"/> holds writes in progress. Throws
    /// <see cref="RuntimeConfigurationException"/> naming the missing or malformed setting.
    /// </summary>
    public static S3ArtifactStore Create(S3Options options, string spoolFolder)
    {
        static string Required(string? value, string key, string example) => string.IsNullOrWhiteSpace(value)
            ? throw new RuntimeConfigurationException(
                $"ShipSec:Storage:S3:{key} is required when ShipSec:Storage:Provider is S3 (for example ShipSec__Storage__S3__{key}={example}).")
            : value.Trim();

        var endpoint = Required(options.Endpoint, "Endpoint", "minio:9000");
        var accessKey = Required(options.AccessKey, "AccessKey", "shipsec");
        var secretKey = Required(options.SecretKey, "SecretKey", "a-long-secret");
        var bucket = Required(options.Bucket, "Bucket", "shipsec-artifacts");
        var useSsl = options.UseSsl;

        // An endpoint written as a URL decides TLS by its scheme.
        if (endpoint.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/")
                throw new RuntimeConfigurationException(
                    $"ShipSec:Storage:S3:Endpoint '{endpoint}' is not a host:port or an http(s) URL without a path.");
            useSsl = uri.Scheme == "https";
            endpoint = uri.Authority;
        }

        IMinioClient client;
        try
        {
            client = new MinioClient().WithEndpoint(endpoint).WithCredentials(accessKey, secretKey).WithSSL(useSsl).Build();
        }
        catch (MinioException e)
        {
            throw new RuntimeConfigurationException($"The S3 settings (ShipSec:Storage:S3) are invalid: {e.Message}");
        }
        return new S3ArtifactStore(client, $"{(useSsl ? "https" : "http")}://{endpoint}", bucket, spoolFolder);
    }

    public string Description => $"S3 {_endpoint}/{_bucket}";

    public async Task<StoredObject> PutAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        ArtifactKeys.EnsureValid(key);
        await EnsureBucketAsync(cancellationToken);
        Directory.CreateDirectory(_spoolFolder);
        var spoolPath = Path.Combine(_spoolFolder, $"{Guid.NewGuid():N}.spool");
        await using var spool = new FileStream(spoolPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
            HashingCopy.BufferSize, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        var (size, sha256) = await HashingCopy.CopyAsync(content, spool, cancellationToken);
        spool.Position = 0;

        if (size <= MaxSinglePutBytes)
        {
            await PutPresignedAsync(key, spool, size, cancellationToken);
        }
        else
        {
            await _client.PutObjectAsync(new PutObjectArgs().WithBucket(_bucket).WithObject(key).WithStreamData(spool).WithObjectSize(size),
                cancellationToken);
        }
        return new StoredObject(key, size, sha256);
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        ArtifactKeys.EnsureValid(key);
        var first = await GetAsync(key, 0, cancellationToken);
        if (first is null) return null;
        if (first.Content.Headers.ContentLength is not { } length)
        {
            first.Dispose();
            throw new ArtifactStoreException($"{Description} answered the read of '{key}' without a Content-Length.");
        }
        return new S3ObjectStream(length, first, async (position, ct) =>
            await GetAsync(key, position, ct) ?? throw new ArtifactStoreException($"'{key}' disappeared from {Description} while being read."));
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        ArtifactKeys.EnsureValid(key);
        try
        {
            await _client.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(_bucket).WithObject(key), cancellationToken);
        }
        catch (BucketNotFoundException)
        {
            // No bucket, no object: already gone.
        }
    }

    public Task CheckAvailableAsync(CancellationToken cancellationToken)
    {
        _bucketReady = false;
        return EnsureBucketAsync(cancellationToken);
    }

    public void Dispose()
    {
        _http.Dispose();
        _client.Dispose();
        _bucketLock.Dispose();
    }

    private async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        if (_bucketReady) return;
        await _bucketLock.WaitAsync(cancellationToken);
        try
        {
            if (_bucketReady) return;
            var exists = new BucketExistsArgs().WithBucket(_bucket);
            if (!await _client.BucketExistsAsync(exists, cancellationToken))
            {
                try
                {
                    await _client.MakeBucketAsync(new MakeBucketArgs().WithBucket(_bucket), cancellationToken);
                }
                catch (MinioException)
                {
                    // Another process may have created it first; otherwise the failure stands.
                    if (!await _client.BucketExistsAsync(exists, cancellationToken)) throw;
                }
            }
            _bucketReady = true;
        }
        finally
        {
            _bucketLock.Release();
        }
    }

    private async Task PutPresignedAsync(string key, Stream content, long size, CancellationToken cancellationToken)
    {
        var url = await _client.PresignedPutObjectAsync(new PresignedPutObjectArgs()
            .WithBucket(_bucket).WithObject(key).WithExpiry(PresignedExpirySeconds));
        using var body = new StreamContent(content, HashingCopy.BufferSize);
        body.Headers.ContentLength = size;
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await _http.PutAsync(url, body, cancellationToken);
        if (!response.IsSuccessStatusCode) throw await FailureAsync(response, "write", key, cancellationToken);
    }

    /// <summary>A GET of the object from <paramref name="position"/> on, headers read; null when the object does not exist.</summary>
    private async Task<HttpResponseMessage?> GetAsync(string key, long position, CancellationToken cancellationToken)
    {
        var url = await _client.PresignedGetObjectAsync(new PresignedGetObjectArgs()
            .WithBucket(_bucket).WithObject(key).WithExpiry(PresignedExpirySeconds));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (position > 0) request.Headers.Range = new RangeHeaderValue(position, null);
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound) return null;
            throw await FailureAsync(response, "read", key, cancellationToken);
        }
    }

    private async Task<ArtifactStoreException> FailureAsync(HttpResponseMessage response, string verb, string key, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var code = S3ErrorCode(body);
        return new ArtifactStoreException(
            $"{Description} refused to {verb} '{key}': HTTP {(int)response.StatusCode}{(code is null ? "" : $" {code}")}.");
    }

    /// <summary>The <c>&lt;Code&gt;</c> of an S3 error document, if there is one.</summary>
    private static string? S3ErrorCode(string body)
    {
        var start = body.IndexOf("<Code>", StringComparison.Ordinal);
        var end = body.IndexOf("</Code>", StringComparison.Ordinal);
        return start >= 0 && end > start ? body[(start + 6)..end] : null;
    }
}
