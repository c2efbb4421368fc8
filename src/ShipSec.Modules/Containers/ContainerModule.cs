using ShipSec.Contracts.Components;

namespace ShipSec.Modules.Containers;

/// <summary>
/// Base of the modules that run a tool in a container. The module turns one attempt's inputs into a <see cref="ContainerAttempt"/>
/// (argv, input files, how to read lines and results); running, streaming to the trace, artifacts and cleanup are shared.
/// </summary>
public abstract class ContainerModule : IModule
{
    public abstract ComponentDescriptor Descriptor { get; }

    /// <summary>
    /// The locally built stand-in for the descriptor's published image (e.g. <c>shipsec/nmap:local</c>, from a recipe under
    /// <c>images/</c>); null when the tool has no recipe and only the published image runs it.
    /// </summary>
    protected virtual string? LocalImage => null;

    /// <summary>Validates the attempt's inputs and parameters and fills in <paramref name="spec"/> (image, labels and timeout already set).</summary>
    protected abstract ContainerAttempt Prepare(ModuleContext context, ContainerSpec spec);

    /// <summary>Whether an output file is stored as a run artifact (NODE_ARTIFACT); all are by default.</summary>
    protected virtual bool IsArtifact(ContainerOutputFile file) => true;

    public async Task<ModuleResult> ExecuteAsync(ModuleContext context)
    {
        var attempt = Prepare(context, ContainerSpec.For(context, LocalImage));
        var output = new ModuleContainerOutput(context, attempt.OnLine);
        using var result = await context.Containers.RunAsync(attempt.Spec, output, context.CancellationToken);
        output.Complete();
        await ContainerArtifacts.Emit(context, result, IsArtifact);
        return attempt.Interpret(result);
    }
}

/// <summary>
/// One attempt of a <see cref="ContainerModule"/>: the spec to run, what to do with each output line while it runs (progress,
/// collecting answers), and how the finished run becomes the module result. Per-attempt state lives in these closures.
/// </summary>
public sealed record ContainerAttempt(ContainerSpec Spec, Func<ContainerResult, ModuleResult> Interpret, Action<ContainerLine>? OnLine = null);
