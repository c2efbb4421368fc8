using Minio;
using Minio.DataModel.Args;
using NUnit.Framework;

namespace ShipSec.Storage.Tests.Infrastructure;

/// <summary>
/// The real S3 server the S3 fixtures run against, named by <c>SHIPSEC_TEST_S3_ENDPOINT</c>, <c>SHIPSEC_TEST_S3_ACCESS_KEY</c>
/// and <c>SHIPSEC_TEST_S3_SECRET_KEY</c> (printed by <c>scripts/s3-up.sh</c>). Missing variables fail the test under CI
/// and mark it ignored on a developer machine.
/// </summary>
public static class S3TestServer
{
    public const string EndpointVariable = "SHIPSEC_TEST_S3_ENDPOINT";
    public const string AccessKeyVariable = "SHIPSEC_TEST_S3_ACCESS_KEY";
    public const string SecretKeyVariable = "SHIPSEC_TEST_S3_SECRET_KEY";

    public static string Endpoint => Required(EndpointVariable);
    public static string AccessKey => Required(AccessKeyVariable);
    public static string SecretKey => Required(SecretKeyVariable);

    /// <summary>Stops the test unless the S3 server variables are set: a failure under CI, an ignore elsewhere.</summary>
    public static void RequireConfigured()
    {
        var missing = new[] { EndpointVariable, AccessKeyVariable, SecretKeyVariable }
            .Where(v => string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(v))).ToList();
        if (missing.Count == 0) return;
        var message = $"No S3 server for the S3 tests: {string.Join(", ", missing)} not set. Start one with `eval \"$(scripts/s3-up.sh)\"`.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail(message);
        Assert.Ignore(message);
    }

    /// <summary>A fresh bucket name, so each fixture starts from an empty bucket (the server creates it).</summary>
    public static string NewBucket() => "shipsec-test-" + Guid.NewGuid().ToString("N")[..20];

    public static IMinioClient Client() =>
        new MinioClient().WithEndpoint(Endpoint).WithCredentials(AccessKey, SecretKey).WithSSL(false).Build();

    /// <summary>Every object in <paramref name="bucket"/> with its bytes (for small test buckets only).</summary>
    public static async Task<IReadOnlyList<(string Key, byte[] Bytes)>> ObjectsAsync(string bucket)
    {
        using var client = Client();
        var objects = new List<(string, byte[])>();
        if (!await client.BucketExistsAsync(new BucketExistsArgs().WithBucket(bucket))) return objects;
        await foreach (var item in client.ListObjectsEnumAsync(new ListObjectsArgs().WithBucket(bucket).WithRecursive(true)))
        {
            using var buffer = new MemoryStream();
            await client.GetObjectAsync(new GetObjectArgs().WithBucket(bucket).WithObject(item.Key)
                .WithCallbackStream((stream, ct) => stream.CopyToAsync(buffer, ct)));
            objects.Add((item.Key, buffer.ToArray()));
        }
        return objects;
    }

    /// <summary>Deletes the bucket with everything in it.</summary>
    public static async Task DeleteBucketAsync(string bucket)
    {
        using var client = Client();
        if (!await client.BucketExistsAsync(new BucketExistsArgs().WithBucket(bucket))) return;
        var keys = new List<string>();
        await foreach (var item in client.ListObjectsEnumAsync(new ListObjectsArgs().WithBucket(bucket).WithRecursive(true))) keys.Add(item.Key);
        foreach (var key in keys) await client.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(bucket).WithObject(key));
        await client.RemoveBucketAsync(new RemoveBucketArgs().WithBucket(bucket));
    }

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) ?? throw new InvalidOperationException($"{variable} is not set.");
}
