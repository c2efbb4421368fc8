using NUnit.Framework;
using ShipSec.Runtime.Configuration;
using ShipSec.Server.Tests.Infrastructure;

namespace ShipSec.Server.Tests.Platform;

/// <summary>A production-profile setting without what it needs (connection string, broker URI, S3 endpoint, a bus that spans processes) stops startup with a message naming it.</summary>
public sealed class ConfigurationTests
{
    [TestCase("ShipSec:Database:Provider", "Postgres")]
    [TestCase("ShipSec:Bus:Transport", "RabbitMq")]
    [TestCase("ShipSec:Storage:Provider", "S3")]
    [TestCase("ShipSec:Role", "worker")]
    public void A_production_setting_missing_its_connection_details_stops_startup_with_a_clear_error(string key, string value)
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
