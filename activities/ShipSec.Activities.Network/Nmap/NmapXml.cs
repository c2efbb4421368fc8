using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using ShipSec.Modules;

namespace ShipSec.Activities.Network.Nmap;

/// <summary>Reads nmap's XML report (<c>-oX</c>) into hosts and ports.</summary>
public static class NmapXml
{
    /// <summary>Parses a whole report; throws a container <see cref="ModuleException"/> when it is not nmap XML.</summary>
    public static IReadOnlyList<NmapHost> Parse(Stream xml)
    {
        XDocument document;
        try
        {
            // nmap writes <!DOCTYPE nmaprun>; the DTD is not needed and must not be fetched.
            using var reader = XmlReader.Create(xml, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException exception)
        {
            throw new ModuleException(ModuleErrorKind.Container, $"nmap wrote an unreadable XML report: {exception.Message}");
        }
        if (document.Root?.Name != "nmaprun")
            throw new ModuleException(ModuleErrorKind.Container, "nmap's report has no <nmaprun> root.");
        return [.. document.Root.Elements("host").Select(Host)];
    }

    private static NmapHost Host(XElement host)
    {
        var address = host.Elements("address").FirstOrDefault(a => (string?)a.Attribute("addrtype") is "ipv4" or "ipv6")
            ?? host.Elements("address").FirstOrDefault();
        return new NmapHost(
            (string?)address?.Attribute("addr") ?? "",
            (string?)address?.Attribute("addrtype") ?? "",
            [.. host.Element("hostnames")?.Elements("hostname").Select(h => (string?)h.Attribute("name")).OfType<string>().Distinct() ?? []],
            (string?)host.Element("status")?.Attribute("state") ?? "unknown",
            [.. host.Element("ports")?.Elements("port").Select(Port) ?? []]);
    }

    private static NmapPort Port(XElement port)
    {
        var service = port.Element("service");
        return new NmapPort(
            int.Parse((string?)port.Attribute("portid") ?? "0", CultureInfo.InvariantCulture),
            (string?)port.Attribute("protocol") ?? "tcp",
            (string?)port.Element("state")?.Attribute("state") ?? "unknown",
            (string?)service?.Attribute("name"),
            (string?)service?.Attribute("product"),
            (string?)service?.Attribute("version"),
            (string?)service?.Attribute("extrainfo"),
            (string?)service?.Attribute("tunnel"));
    }
}
