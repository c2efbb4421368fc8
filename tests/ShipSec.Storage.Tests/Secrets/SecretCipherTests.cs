using System.Security.Cryptography;
using NUnit.Framework;
using ShipSec.Runtime.Secrets;

namespace ShipSec.Storage.Tests.Secrets;

/// <summary>Secrets at rest: sealed with AES-256-GCM, readable only with the same key and only as the secret they were sealed for.</summary>
public sealed class SecretCipherTests
{
    private readonly SecretCipher _cipher = new(RandomNumberGenerator.GetBytes(32));

    [Test]
    public void A_sealed_value_opens_to_the_same_value_and_does_not_contain_it()
    {
        var sealedValue = _cipher.Seal("sec_1", "hunter2-and-more");

        Assert.That(_cipher.Open("sec_1", sealedValue), Is.EqualTo("hunter2-and-more"));
        Assert.That(System.Text.Encoding.UTF8.GetString(sealedValue), Does.Not.Contain("hunter2"));
    }

    [Test]
    public void Sealing_twice_gives_different_ciphertexts()
    {
        Assert.That(_cipher.Seal("sec_1", "same"), Is.Not.EqualTo(_cipher.Seal("sec_1", "same")));
    }

    [Test]
    public void Another_key_cannot_open_a_sealed_value()
    {
        var sealedValue = _cipher.Seal("sec_1", "hunter2");

        var other = new SecretCipher(RandomNumberGenerator.GetBytes(32));

        Assert.That(() => other.Open("sec_1", sealedValue), Throws.TypeOf<SecretUnreadableException>().With.Message.Contains("another key"));
    }

    [Test]
    public void A_sealed_value_moved_to_another_secret_does_not_open()
    {
        var sealedValue = _cipher.Seal("sec_1", "hunter2");

        Assert.That(() => _cipher.Open("sec_2", sealedValue), Throws.TypeOf<SecretUnreadableException>());
    }

    [Test]
    public void A_tampered_ciphertext_does_not_open()
    {
        var sealedValue = _cipher.Seal("sec_1", "hunter2");
        sealedValue[^1] ^= 0x01;

        Assert.That(() => _cipher.Open("sec_1", sealedValue), Throws.TypeOf<SecretUnreadableException>());
    }
}
