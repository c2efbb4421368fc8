using ShipSec.Contracts.Components;

namespace ShipSec.Modules.Containers;

/// <summary>
/// Base of the modules that run a tool in a container: the module builds the argv and input files (<see cref="Prepare"/>), may
/// turn output lines into progress (<see cref="OnLine"/>), and reads the tool's output files into its result
/// (<see cref="Interpret"/>); running, streaming, artifacts and cleanup are shared.
/// </summary>
public abstract class ContainerModule : IModule
{
    public abstract ComponentDescriptor Descriptor { get; }

    /// <summary>The locally built stand-in for the descriptor's published image, e.g. <c>shipsec/nmap:local</c>.</summary>
    protected abstract string LocalImage { get; }

    /// <summary>Validates the parameters and fills in <paramref name="spec"/> (image, labels and timeout already set).</summary>
    protected abstract ContainerSpec Prepare(ModuleContext context, ContainerSpec spec);

    /// <summary>Reads the tool's output into the module's outputs; called only after an accepted exit code.</summary>
    protected abstract ModuleResult Interpret(ModuleContext context, ContainerResult result);

    /// <summary>Sees every output line while the tool runs, e.g. to report progress.</summary>
    protected virtual void OnLine(ModuleContext context, ContainerLine line)
    {
    }

    /// <summary>Whether an output file is stored as a run artifact (NODE_ARTIFACT); all are by default.</summary>
    protected virtual bool IsArtifact(ContainerOutputFile file) => true;

    public async Task<ModuleResult> ExecuteAsync(ModuleContext context)
    {
        var spec = Prepare(context, ContainerSpec.For(context, LocalImage));
        var output = new ModuleContainerOutput(context, line => OnLine(context, line));
        using var result = await context.Containers.RunAsync(spec, output, context.CancellationToken);
        output.Complete();
        foreach (var file in result.OutputFiles.Where(IsArtifact))
        {
            await using var content = file.OpenRead();
            await context.EmitArtifact(file.Path, ContentTypeOf(file.Path), content);
        }
        return Interpret(context, result);
    }

    private static string ContentTypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".xml" => "application/xml",
        ".json" => "application/json",
        ".jsonl" => "application/x-ndjson",
        ".html" => "text/html",
        _ => "text/plain",
    };
}
