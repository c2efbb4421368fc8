namespace ShipSec.Modules.Containers;

/// <summary>
/// Where things are inside a tool container: a writable work directory holds the input files (<see cref="InputDirectory"/>) and
/// the output directory whose files come back in <see cref="ContainerResult.OutputFiles"/>. Everything else is read-only except /tmp.
/// </summary>
public static class ContainerPaths
{
    /// <summary>The writable work directory mounted into every container.</summary>
    public const string WorkDirectory = "/work";

    /// <summary>Where <see cref="ContainerSpec.InputFiles"/> are written before the container starts.</summary>
    public const string InputDirectory = "/work/in";

    /// <summary>The directory collected after the container exits; also the tool's working directory, so relative output paths land in it.</summary>
    public const string OutputDirectory = "/work/out";

    /// <summary>The container path of input file <paramref name="relativePath"/>, e.g. <c>/work/in/targets.txt</c>.</summary>
    public static string Input(string relativePath) => $"{InputDirectory}/{ContainerInputFile.CheckRelativePath(relativePath)}";

    /// <summary>The container path of output file <paramref name="relativePath"/>, e.g. <c>/work/out/nmap.xml</c>.</summary>
    public static string Output(string relativePath) => $"{OutputDirectory}/{ContainerInputFile.CheckRelativePath(relativePath)}";
}
