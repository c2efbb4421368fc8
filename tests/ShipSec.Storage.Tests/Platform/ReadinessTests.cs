using NUnit.Framework;
using ShipSec.Storage.Tests.Infrastructure;

namespace ShipSec.Storage.Tests.Platform;

/// <summary><c>/health/ready</c> reports the configured object store, by provider and location, never credentials.</summary>
public sealed class ReadinessTests(StorageKind storage) : StorageTests(storage)
{
    [Test]
    public async Task Readiness_names_the_object_store_and_reports_it_ok()
    {
        var ready = await Api.GetOkAsync("/api/v1/health/ready");
        var store = ready["checks"]!["objectStore"]!;

        Assert.That((string?)store["status"], Is.EqualTo("ok"));
        Assert.That((string?)store["description"], Does.StartWith(Storage == StorageKind.S3 ? $"S3 http://" : "FileSystem "));
        if (Storage == StorageKind.S3)
        {
            Assert.That((string?)store["description"], Does.EndWith("/" + Server.Bucket));
            Assert.That(ready.ToJsonString(), Does.Not.Contain(S3TestServer.SecretKey));
        }
    }
}
