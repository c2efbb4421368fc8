using System.Net;
using System.Net.Sockets;

namespace ShipSec.Containers.Tests.Workflows.Support;

/// <summary>
/// A test-owned TCP port on 127.0.0.1 that accepts connections and never answers. nmap's service detection waits out every probe
/// on it (minutes), printing its periodic statistics meanwhile: a long-running, progress-reporting container for the lifecycle tests.
/// </summary>
public sealed class SilentListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _held = [];
    private readonly Task _accepting;

    public SilentListener()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = Accept();
    }

    public int Port { get; }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _accepting;
        lock (_held)
        {
            foreach (var socket in _held) socket.Dispose();
        }
    }

    private async Task Accept()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync();
                lock (_held) _held.Add(socket);
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
