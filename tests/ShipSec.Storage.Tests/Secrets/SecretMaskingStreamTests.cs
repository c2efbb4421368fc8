using System.Text;
using NUnit.Framework;
using ShipSec.Runtime.Secrets;

namespace ShipSec.Storage.Tests.Secrets;

/// <summary>Artifact content of an attempt with secrets: every occurrence becomes <c>***</c>, however the bytes arrive.</summary>
public sealed class SecretMaskingStreamTests
{
    [TestCase("key=hunter2\n", "key=***\n")]
    [TestCase("hunter2hunter2", "******")]
    [TestCase("hunter", "hunter")]
    [TestCase("hunte hunter2 hunter", "hunte *** hunter")]
    [TestCase("", "")]
    public async Task Secrets_are_masked_even_when_the_source_delivers_one_byte_at_a_time(string content, string expected)
    {
        var masked = await ReadAllAsync(new OneByteAtATime(Encoding.UTF8.GetBytes(content)), ["hunter2"]);

        Assert.That(masked, Is.EqualTo(expected));
    }

    [Test]
    public async Task The_longest_secret_wins_where_secrets_overlap()
    {
        var masked = await ReadAllAsync(new MemoryStream("token=abc123456"u8.ToArray()), ["abc", "abc123456"]);

        Assert.That(masked, Is.EqualTo("token=***"));
    }

    [Test]
    public async Task A_secret_across_a_large_chunk_boundary_is_masked()
    {
        var secret = "p@ss-" + Guid.NewGuid().ToString("N");
        var content = new string('x', 81920 - 10) + secret + new string('y', 100_000);

        var masked = await ReadAllAsync(new MemoryStream(Encoding.UTF8.GetBytes(content)), [secret]);

        Assert.That(masked, Is.EqualTo(new string('x', 81920 - 10) + "***" + new string('y', 100_000)));
    }

    private static async Task<string> ReadAllAsync(Stream source, string[] secrets)
    {
        await using var masking = new SecretMaskingStream(source, secrets);
        using var output = new MemoryStream();
        await masking.CopyToAsync(output, 7);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private sealed class OneByteAtATime(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
