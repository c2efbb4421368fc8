using System.Diagnostics;
using NUnit.Framework;

namespace ShipSec.Distributed.Tests.Infrastructure;

/// <summary>The test run's RabbitMQ broker, driven through rabbitmqctl: vhosts of their own for tests, and outages on demand.</summary>
public static class Broker
{
    /// <summary>Adds a vhost for one test (named after the run's vhost, so services_down removes it too) and returns its AMQP URI.</summary>
    public static async Task<Uri> AddVhostAsync(string purpose)
    {
        var run = TestServices.RabbitMq;
        var user = Uri.UnescapeDataString(run.UserInfo.Split(':')[0]);
        var vhost = $"{run.AbsolutePath.Trim('/')}_{purpose}_{Guid.NewGuid():N}"[..^20];
        await CtlAsync("add_vhost", vhost);
        await CtlAsync("set_permissions", "-p", vhost, user, ".*", ".*", ".*");
        return new UriBuilder(run) { Path = "/" + Uri.EscapeDataString(vhost) }.Uri;
    }

    /// <summary>Removes a vhost <see cref="AddVhostAsync"/> made, with its queues.</summary>
    public static Task DeleteVhostAsync(Uri uri) => CtlAsync("delete_vhost", Uri.UnescapeDataString(uri.AbsolutePath.Trim('/')));

    /// <summary>Stops the broker application (every connection drops; the Erlang node stays up).</summary>
    public static Task StopAsync() => CtlAsync("stop_app");

    /// <summary>Starts the broker application again and waits until it accepts connections.</summary>
    public static async Task StartAsync()
    {
        await CtlAsync("start_app");
        await CtlAsync("await_startup");
    }

    /// <summary>Messages ready plus unacknowledged in each queue of the vhost.</summary>
    public static async Task<Dictionary<string, long>> QueueDepthsAsync(Uri uri)
    {
        var output = await CtlAsync("list_queues", "-p", Uri.UnescapeDataString(uri.AbsolutePath.Trim('/')),
            "--no-table-headers", "name", "messages_ready", "messages_unacknowledged");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t', StringSplitOptions.TrimEntries))
            .Where(parts => parts.Length == 3)
            .ToDictionary(parts => parts[0], parts => long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)
                + long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<string> CtlAsync(params string[] args)
    {
        var start = new ProcessStartInfo(TestServices.RabbitMqCtl) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-q");
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ERL_EPMD_ADDRESS"] = "127.0.0.1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            Assert.Fail($"rabbitmqctl {string.Join(' ', args)} failed ({process.ExitCode}): {await output} {await error}");
        return await output;
    }
}
