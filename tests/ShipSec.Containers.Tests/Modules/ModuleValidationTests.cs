using ShipSec.Activities.Network.Nmap;
using ShipSec.Activities.Vuln.Nuclei;
using ShipSec.Activities.Web.ContentDiscovery;
using ShipSec.Containers.Tests.Support;
using ShipSec.Modules;

namespace ShipSec.Containers.Tests.Modules;

/// <summary>What the container modules refuse before any container starts (these run without Docker).</summary>
public class ModuleValidationTests
{
    [Test]
    public async Task A_target_that_would_read_as_an_option_is_refused()
    {
        var context = ContainerModuleContext.For(new NmapScanModule(), runner: null, inputs: new { targets = new[] { "--script=evil" } });

        var error = await Assert.ThrowsAsync<ModuleException>(() => context.Run());

        Assert.Multiple(() =>
        {
            Assert.That(error!.Kind, Is.EqualTo(ModuleErrorKind.Validation));
            Assert.That(error.Message, Does.Contain("--script=evil"));
        });
    }

    [Test]
    public async Task A_target_with_whitespace_is_refused_rather_than_split_into_several()
    {
        var context = ContainerModuleContext.For(new NmapScanModule(), runner: null, inputs: new { targets = new[] { "; touch /tmp/pwned" } });

        var error = await Assert.ThrowsAsync<ModuleException>(() => context.Run());

        Assert.That(error!.Kind, Is.EqualTo(ModuleErrorKind.Validation));
    }

    [Test]
    public async Task A_malformed_port_specification_is_refused()
    {
        var context = ContainerModuleContext.For(new NmapScanModule(), runner: null, inputs: new { targets = new[] { "127.0.0.1" } }, parameters: new { ports = "80 --script x" });

        var error = await Assert.ThrowsAsync<ModuleException>(() => context.Run());

        Assert.That(error!.Kind, Is.EqualTo(ModuleErrorKind.Validation));
    }

    [Test]
    public async Task A_wordlist_entry_with_whitespace_is_refused()
    {
        var context = ContainerModuleContext.For(new ContentDiscoveryModule(), runner: null,
            inputs: new { targets = new[] { "http://127.0.0.1" }, wordlist = new[] { "admin -mc all" } });

        var error = await Assert.ThrowsAsync<ModuleException>(() => context.Run());

        Assert.That(error!.Kind, Is.EqualTo(ModuleErrorKind.Validation));
    }

    [Test]
    public async Task A_template_id_that_is_not_a_plain_name_is_refused()
    {
        var context = ContainerModuleContext.For(new NucleiModule(), runner: null,
            inputs: new { targets = new[] { "http://127.0.0.1" } }, parameters: new { templateIds = new[] { "-t /etc/passwd" } });

        var error = await Assert.ThrowsAsync<ModuleException>(() => context.Run());

        Assert.That(error!.Kind, Is.EqualTo(ModuleErrorKind.Validation));
    }

    [Test]
    public async Task Without_a_container_runtime_a_module_fails_with_a_configuration_error_that_says_what_to_do()
    {
        var context = ContainerModuleContext.For(new NmapScanModule(), runner: null, inputs: new { targets = new[] { "127.0.0.1" } });

        var error = await Assert.ThrowsAsync<ModuleException>(() => context.Run());

        Assert.Multiple(() =>
        {
            Assert.That(error!.Kind, Is.EqualTo(ModuleErrorKind.Configuration));
            Assert.That(error.Retryable, Is.False);
            Assert.That(error.Message, Does.Contain("ShipSec__Docker__Endpoint"));
        });
    }
}
