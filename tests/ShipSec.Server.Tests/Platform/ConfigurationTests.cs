using NUnit.Framework;
using ShipSec.Runtime.Configuration;
using ShipSec.Server.Tests.Infrastructure;

namespace ShipSec.Server.Tests.Platform;

/// <summary>Providers of the production profile are recognised but refused at startup with a message naming the key.</summary>
public sealed class ConfigurationTests
{
    [TestCase("ShipSec:Database:Provider", "Postgres")]
    [TestCase("ShipSec:Bus:Transport", "RabbitMq")]
    [TestCase("ShipSec:Storage:Provider", "S3")]
    [TestCase("ShipSec:Role", "worker")]
    public void A_provider_not_available_yet_stops_startup_with_a_clear_error(string key, string value)
    {
        using var server = new ShipSecServerFactory(new Dictionary<string, string> { [key] = value });

        var error = Assert.Catch(() => server.CreateClient());

        Assert.That(Flatten(error).OfType<RuntimeConfigurationException>().Single().Message, Does.Contain(value));
    }

    [Test]
    public void An_unknown_role_stops_startup_naming_the_roles()
    {
        using var server = new ShipSecServerFactory(new Dictionary<string, string> { ["role"] = "janitor" });

        var error = Assert.Catch(() => server.CreateClient());

        Assert.That(Flatten(error).OfType<RuntimeConfigurationException>().Single().Message, Does.Contain("all, api, worker or collector"));
    }

    private static IEnumerable<Exception> Flatten(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten)) yield return inner;
        }
    }
}
