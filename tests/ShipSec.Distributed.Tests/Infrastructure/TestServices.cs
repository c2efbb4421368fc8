using NUnit.Framework;

namespace ShipSec.Distributed.Tests.Infrastructure;

/// <summary>
/// The services scripts/services.sh started for this test run, read from its environment variables. Without them a
/// local run skips these tests; under CI (<c>CI=true</c>) their absence is a failure, never a silent skip.
/// </summary>
public static class TestServices
{
    public const string PostgresVariable = "SHIPSEC_TEST_PG";
    public const string RabbitMqVariable = "SHIPSEC_TEST_RABBITMQ";
    public const string RabbitMqCtlVariable = "SHIPSEC_TEST_RABBITMQCTL";

    /// <summary>Npgsql connection string of this run's database (its role may create more databases).</summary>
    public static string Postgres => Required(PostgresVariable);

    /// <summary>AMQP URI of this run's vhost.</summary>
    public static Uri RabbitMq => new(Required(RabbitMqVariable));

    /// <summary>Path of rabbitmqctl, for adding vhosts and stopping / starting the broker.</summary>
    public static string RabbitMqCtl => Environment.GetEnvironmentVariable(RabbitMqCtlVariable) is { Length: > 0 } path ? path : "rabbitmqctl";

    private static string Required(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(value)) return value;
        var message = $"{variable} is not set: run the tests through scripts/test.sh, or `source scripts/services.sh && services_up` first.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail(message);
        Assert.Ignore(message);
        return "";
    }
}
