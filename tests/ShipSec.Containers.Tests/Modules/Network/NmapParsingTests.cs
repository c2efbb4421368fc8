using ShipSec.Activities.Network.Nmap;
using ShipSec.Containers.Tests.Support;
using ShipSec.Modules;

namespace ShipSec.Containers.Tests.Modules.Network;

public class NmapParsingTests
{
    [Test]
    public void The_xml_report_gives_each_port_its_state_and_detected_service()
    {
        using var xml = Samples.Open("nmap-two-ports.xml");

        var host = NmapXml.Parse(xml).Single();

        Assert.Multiple(() =>
        {
            Assert.That(host.Address, Is.EqualTo("127.0.0.1"));
            Assert.That(host.AddressType, Is.EqualTo("ipv4"));
            Assert.That(host.Hostnames, Is.EqualTo(new[] { "localhost" }));
            Assert.That(host.Status, Is.EqualTo("up"));
            Assert.That(host.Ports, Is.EqualTo(new[]
            {
                new NmapPort(18080, "tcp", "open", "http", "SimpleHTTPServer", "0.6", "Python 3.11.7"),
                new NmapPort(18081, "tcp", "closed", null, null, null, null),
            }));
        });
    }

    [Test]
    public void A_report_that_is_not_nmap_xml_is_a_container_error()
    {
        using var xml = new MemoryStream("<html>oops</html>"u8.ToArray());

        var error = Assert.Throws<ModuleException>(() => NmapXml.Parse(xml));

        Assert.That(error!.Kind, Is.EqualTo(ModuleErrorKind.Container));
    }

    [TestCase("Service scan Timing: About 50.00% done; ETC: 19:10 (0:00:03 remaining)", "Service scan", 50)]
    [TestCase("Connect Scan Timing: About 12.65% done; ETC: 19:12 (0:01:40 remaining)", "Connect Scan", 12)]
    [TestCase("NSE Timing: About 99.99% done; ETC: 19:10 (0:00:00 remaining)", "NSE", 99)]
    public void A_timing_line_becomes_a_phase_and_percent(string line, string phase, int percent) =>
        Assert.That(NmapProgress.Parse(line), Is.EqualTo((phase, percent)));

    [TestCase("Stats: 0:00:06 elapsed; 0 hosts completed (1 up), 1 undergoing Service Scan")]
    [TestCase("Discovered open port 18080/tcp on 127.0.0.1")]
    public void Other_lines_are_not_progress(string line) => Assert.That(NmapProgress.Parse(line), Is.Null);
}
