using Microsoft.Extensions.Options;
using NUnit.Framework;
using ShipSec.Trace.Tests.Infrastructure;

namespace ShipSec.Trace.Tests.Configuration;

/// <summary>Trace settings out of range stop the server at start, naming the setting.</summary>
public sealed class TraceSettingsTests
{
    [TestCase("ShipSec:Trace:EmitterCapacity", "0")]
    [TestCase("ShipSec:Trace:MaxLogLinesPerSecond", "-5")]
    [TestCase("ShipSec:Trace:Stream:KeepAlive", "00:00:00")]
    public void A_setting_out_of_range_stops_the_server_and_names_the_key(string key, string value)
    {
        using var server = new TraceServer(new Dictionary<string, string> { [key] = value });

        var failure = Assert.Catch(() => server.Start());

        var validation = failure as OptionsValidationException ?? failure?.InnerException as OptionsValidationException;
        Assert.That(validation, Is.Not.Null, () => $"expected an options validation failure, got {failure}");
        Assert.That(validation!.Message, Does.Contain(key));
    }
}
