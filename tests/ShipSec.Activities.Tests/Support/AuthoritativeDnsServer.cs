using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ShipSec.Activities.Tests.Support;

/// <summary>A zone entry served by <see cref="AuthoritativeDnsServer"/>: <paramref name="Data"/> is an address, a name, "preference exchange" for MX, or TXT text.</summary>
public sealed record ZoneRecord(string Name, string Type, string Data, int Ttl = 300);

/// <summary>
/// A minimal authoritative DNS server over UDP on 127.0.0.1 for tests: answers A, AAAA, CNAME, MX, TXT and NS from a fixed
/// zone, chases CNAMEs within the zone like a real server, and answers NXDOMAIN for names it does not know.
/// </summary>
public sealed class AuthoritativeDnsServer : IAsyncDisposable
{
    private static readonly Dictionary<string, ushort> TypeCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["A"] = 1, ["NS"] = 2, ["CNAME"] = 5, ["MX"] = 15, ["TXT"] = 16, ["AAAA"] = 28,
    };

    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly IReadOnlyList<ZoneRecord> _zone;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _queries;

    public AuthoritativeDnsServer(IEnumerable<ZoneRecord> zone)
    {
        _zone = zone.ToList();
        _loop = Task.Run(Serve);
    }

    /// <summary>"127.0.0.1:port", the form the module's <c>resolvers</c> parameter takes.</summary>
    public string Endpoint => ((IPEndPoint)_socket.Client.LocalEndPoint!).ToString();

    /// <summary>Queries answered so far.</summary>
    public int Queries => Volatile.Read(ref _queries);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        try { await _loop; } catch (OperationCanceledException) { } catch (ObjectDisposedException) { } catch (SocketException) { }
        _stop.Dispose();
    }

    private async Task Serve()
    {
        while (!_stop.IsCancellationRequested)
        {
            var datagram = await _socket.ReceiveAsync(_stop.Token);
            if (Answer(datagram.Buffer) is { } response)
            {
                Interlocked.Increment(ref _queries);
                await _socket.SendAsync(response, datagram.RemoteEndPoint, _stop.Token);
            }
        }
    }

    private byte[]? Answer(byte[] query)
    {
        if (query.Length < 12 || BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(4)) != 1) return null;
        var offset = 12;
        var name = ReadName(query, ref offset);
        if (offset + 4 > query.Length) return null;
        var type = BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(offset));
        var questionEnd = offset + 4;

        var known = _zone.Any(r => Same(r.Name, name));
        var answers = known ? Resolve(name, type) : [];

        var response = new List<byte>();
        response.AddRange(query.AsSpan(0, 2).ToArray());                       // id
        var recursionDesired = (query[2] & 0x01) != 0;
        response.Add((byte)(0x84 | (recursionDesired ? 0x01 : 0x00)));         // QR, AA, RD copied
        response.Add((byte)(known ? 0 : 3));                                   // RCODE: NOERROR or NXDOMAIN
        AddUInt16(response, 1);                                                // QDCOUNT
        AddUInt16(response, (ushort)answers.Count);                            // ANCOUNT
        AddUInt16(response, 0);
        AddUInt16(response, 0);
        response.AddRange(query.AsSpan(12, questionEnd - 12).ToArray());
        foreach (var record in answers) WriteRecord(response, record);
        return [.. response];
    }

    /// <summary>Records of <paramref name="type"/> for <paramref name="name"/>, following a CNAME when the name has one and another type was asked.</summary>
    private List<ZoneRecord> Resolve(string name, ushort type)
    {
        var result = new List<ZoneRecord>();
        for (var depth = 0; depth < 8; depth++)
        {
            var exact = _zone.Where(r => Same(r.Name, name) && TypeCodes[r.Type] == type).ToList();
            if (exact.Count > 0)
            {
                result.AddRange(exact);
                return result;
            }
            var alias = _zone.FirstOrDefault(r => Same(r.Name, name) && r.Type.Equals("CNAME", StringComparison.OrdinalIgnoreCase));
            if (alias is null) return result;
            result.Add(alias);
            name = alias.Data;
        }
        return result;
    }

    private static void WriteRecord(List<byte> message, ZoneRecord record)
    {
        WriteName(message, record.Name);
        AddUInt16(message, TypeCodes[record.Type]);
        AddUInt16(message, 1); // class IN
        var ttl = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(ttl, record.Ttl);
        message.AddRange(ttl);

        var data = new List<byte>();
        switch (record.Type.ToUpperInvariant())
        {
            case "A":
            case "AAAA":
                data.AddRange(IPAddress.Parse(record.Data).GetAddressBytes());
                break;
            case "CNAME":
            case "NS":
                WriteName(data, record.Data);
                break;
            case "MX":
                var parts = record.Data.Split(' ', 2);
                AddUInt16(data, ushort.Parse(parts[0]));
                WriteName(data, parts[1]);
                break;
            case "TXT":
                var text = Encoding.ASCII.GetBytes(record.Data);
                data.Add((byte)text.Length);
                data.AddRange(text);
                break;
        }
        AddUInt16(message, (ushort)data.Count);
        message.AddRange(data);
    }

    private static string ReadName(byte[] message, ref int offset)
    {
        var labels = new List<string>();
        while (offset < message.Length && message[offset] != 0)
        {
            var length = message[offset++];
            labels.Add(Encoding.ASCII.GetString(message, offset, length));
            offset += length;
        }
        offset++;
        return string.Join('.', labels);
    }

    private static void WriteName(List<byte> message, string name)
    {
        foreach (var label in name.TrimEnd('.').Split('.'))
        {
            message.Add((byte)label.Length);
            message.AddRange(Encoding.ASCII.GetBytes(label));
        }
        message.Add(0);
    }

    private static void AddUInt16(List<byte> message, ushort value)
    {
        message.Add((byte)(value >> 8));
        message.Add((byte)value);
    }

    private static bool Same(string a, string b) => string.Equals(a.TrimEnd('.'), b.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);
}
