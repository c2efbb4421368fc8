using ShipSec.Modules.Containers;

namespace ShipSec.Containers.Tests.Units;

public class ContainerInputFileTests
{
    [TestCase("../etc/passwd")]
    [TestCase("/etc/passwd")]
    [TestCase("lists/../../x")]
    [TestCase("a//b")]
    [TestCase("")]
    [TestCase("dir\\file")]
    public void A_path_that_could_leave_the_input_directory_is_refused(string path) =>
        Assert.Throws<ArgumentException>(() => ContainerInputFile.FromText(path, "x"));

    [Test]
    public void Paths_inside_the_work_directory_are_built_from_relative_names()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ContainerPaths.Input("lists/targets.txt"), Is.EqualTo("/work/in/lists/targets.txt"));
            Assert.That(ContainerPaths.Output("nmap.xml"), Is.EqualTo("/work/out/nmap.xml"));
        });
    }

    [Test]
    public void A_line_file_ends_each_item_with_a_newline() =>
        Assert.That(System.Text.Encoding.UTF8.GetString(ContainerInputFile.FromLines("t.txt", ["a", "b"]).Content.Span), Is.EqualTo("a\nb\n"));
}
