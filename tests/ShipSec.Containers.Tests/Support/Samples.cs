namespace ShipSec.Containers.Tests.Support;

/// <summary>Tool outputs kept in Samples/: recorded from the local images, or written for the tests after the tools' documented formats.</summary>
public static class Samples
{
    public static string PathOf(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Samples", name);

    public static Stream Open(string name) => File.OpenRead(PathOf(name));

    public static string[] Lines(string name) => File.ReadAllLines(PathOf(name));
}
