using ShipSec.Runtime.Configuration;

namespace ShipSec.Runtime.Bus;

/// <summary>The parts of a <c>ShipSec:Bus:RabbitMq</c> URI (<c>amqp://user:password@host:5672/vhost</c>).</summary>
public sealed record RabbitMqAddress(string Host, ushort Port, string VirtualHost, string Username, string Password)
{
    private const ushort DefaultPort = 5672;

    /// <summary>Parses the configured URI, or throws <see cref="RuntimeConfigurationException"/> saying what is wrong with it.</summary>
    public static RabbitMqAddress Parse(string? uri)
    {
        const string Key = "ShipSec:Bus:RabbitMq";
        if (string.IsNullOrWhiteSpace(uri))
            throw new RuntimeConfigurationException(
                $"ShipSec:Bus:Transport is 'RabbitMq' but {Key} is not set; set ShipSec__Bus__RabbitMq to amqp://user:password@host:5672/vhost.");
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("amqp" or "rabbitmq"))
            throw new RuntimeConfigurationException($"{Key} must be an amqp:// URI like amqp://user:password@host:5672/vhost.");

        var credentials = parsed.UserInfo.Split(':', 2);
        var vhost = Uri.UnescapeDataString(parsed.AbsolutePath.TrimStart('/'));
        return new RabbitMqAddress(
            parsed.Host,
            parsed.IsDefaultPort || parsed.Port <= 0 ? DefaultPort : (ushort)parsed.Port,
            vhost.Length == 0 ? "/" : vhost,
            credentials[0].Length == 0 ? "guest" : Uri.UnescapeDataString(credentials[0]),
            credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "guest");
    }
}
