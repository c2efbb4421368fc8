namespace ShipSec.Modules.Containers;

/// <summary>
/// Runs one tool container to completion: streams its output lines to an <see cref="IContainerOutput"/> while it runs, collects
/// the files it wrote under <see cref="ContainerPaths.OutputDirectory"/>, and always removes it afterwards.
/// </summary>
/// <remarks>
/// Failures are typed: an exit code outside <see cref="ContainerSpec.AcceptedExitCodes"/> throws a <see cref="ModuleException"/> of
/// kind <see cref="ModuleErrorKind.Container"/> (details: exit code and stderr tail), exceeding <see cref="ContainerSpec.Timeout"/>
/// one of kind <see cref="ModuleErrorKind.Timeout"/>, and a cancelled token an <see cref="OperationCanceledException"/> once the
/// container is gone.
/// </remarks>
public interface IContainerRunner
{
    /// <summary>Runs <paramref name="spec"/>; dispose the result to delete its collected output files.</summary>
    Task<ContainerResult> RunAsync(ContainerSpec spec, IContainerOutput output, CancellationToken cancellationToken);
}
