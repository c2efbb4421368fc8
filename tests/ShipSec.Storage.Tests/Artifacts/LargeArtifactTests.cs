using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using NUnit.Framework;
using ShipSec.Storage.Tests.Infrastructure;
using static ShipSec.Storage.Tests.Infrastructure.Api;

namespace ShipSec.Storage.Tests.Artifacts;

/// <summary>A 200 MiB artifact goes from a module to the store and back to a client without the server ever holding it.</summary>
public sealed class LargeArtifactTests(StorageKind storage) : StorageTests(storage)
{
    private const long Size = 200L * 1024 * 1024;
    /// <summary>Generous: a server that buffered the artifact (or half of it) would exceed it.</summary>
    private const long MemoryBound = Size / 2;

    [Test]
    public async Task A_200_MiB_artifact_is_stored_and_downloaded_with_bounded_memory_and_matching_sha256()
    {
        await RunGeneratorAsync(1024);

        string runId;
        long runGrowth;
        await using (var sampler = MemorySampler.Start())
        {
            runId = await RunGeneratorAsync(Size);
            runGrowth = sampler.PeakGrowth;
        }
        var traced = (await Api.FinalTraceAsync(runId)).Single(e => (string?)e!["type"] == "NODE_ARTIFACT")!["data"]!;
        var artifactId = (string)traced["artifactId"]!;

        string downloadedSha;
        long downloadedBytes;
        long downloadGrowth;
        await using (var sampler = MemorySampler.Start())
        {
            using var response = await Api.Http.GetAsync($"/api/v1/workflows/runs/{runId}/artifacts/{artifactId}/download",
                HttpCompletionOption.ResponseHeadersRead);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            await using var body = await response.Content.ReadAsStreamAsync();
            (downloadedBytes, downloadedSha) = await Sha256Async(body);
            downloadGrowth = sampler.PeakGrowth;
        }
        await using var expected = new GeneratedBytes(Size);
        var (_, expectedSha) = await Sha256Async(expected);
        TestContext.Out.WriteLine($"{Storage}: peak working-set growth {runGrowth / 1048576.0:F1} MiB while the run stored {Size / 1048576} MiB, " +
            $"{downloadGrowth / 1048576.0:F1} MiB while it was downloaded");

        Assert.That((long)traced["size"]!, Is.EqualTo(Size));
        Assert.That((string?)traced["sha256"], Is.EqualTo(expectedSha));
        Assert.That(downloadedBytes, Is.EqualTo(Size));
        Assert.That(downloadedSha, Is.EqualTo(expectedSha));
        Assert.That(runGrowth, Is.LessThan(MemoryBound), "memory growth while the run stored the artifact");
        Assert.That(downloadGrowth, Is.LessThan(MemoryBound), "memory growth while the artifact was downloaded");
    }

    [Test]
    public async Task A_range_deep_inside_a_200_MiB_artifact_returns_exactly_those_bytes()
    {
        var runId = await RunGeneratorAsync(Size);
        var artifactId = (string)(await Api.GetOkAsync($"/api/v1/workflows/runs/{runId}/artifacts"))["artifacts"]![0]!["id"]!;
        const long from = 150_000_001;
        const long to = from + 65_536;

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/workflows/runs/{runId}/artifacts/{artifactId}/download");
        request.Headers.Range = new RangeHeaderValue(from, to);
        using var response = await Api.Http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        Assert.That(response.Content.Headers.ContentRange?.ToString(), Is.EqualTo($"bytes {from}-{to}/{Size}"));
        Assert.That(bytes, Is.EqualTo(Enumerable.Range(0, (int)(to - from + 1)).Select(i => GeneratedBytes.At(from + i)).ToArray()));
    }

    private async Task<string> RunGeneratorAsync(long size)
    {
        var runId = await Api.RunAsync(
            [Entry(), Node("generate", GeneratedArtifactModule.Id, new JsonObject { ["sizeBytes"] = size, ["name"] = "scan-output.bin" })],
            [Control("start", "generate")]);
        Assert.That(await Api.WaitForEndAsync(runId), Is.EqualTo("COMPLETED"));
        return runId;
    }

    private static async Task<(long Size, string Sha256)> Sha256Async(Stream content)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = await content.ReadAsync(buffer)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            size += read;
        }
        return (size, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }
}
