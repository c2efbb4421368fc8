using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ShipSec.Runtime.Containers;

namespace ShipSec.Runtime.Health;

/// <summary>
/// Reports the Docker daemon that container modules run on as the readiness component <c>docker</c>, in its <c>state</c> data:
/// <c>ok</c> (the daemon answered; the description names its version), <c>not configured</c> (no endpoint was configured and
/// none answers at the default socket) or <c>unreachable</c> (the configured endpoint does not answer).
/// </summary>
/// <remarks>
/// What ready means: a process is ready when every dependency its role needs answers. Docker is needed only where
/// <see cref="DockerRequirement.Required"/> holds — a process that runs modules with an operator-configured endpoint — and there an
/// unreachable daemon is Unhealthy, so readiness answers 503. Everywhere else Docker is optional and reported as Healthy with its
/// state: the embedded default is ready without a daemon (a container module then fails with a configuration error naming
/// <c>ShipSec__Docker__Endpoint</c>), and an api or collector process, which runs no module, never waits for Docker.
/// </remarks>
public sealed class DockerHealthCheck(DockerRunner runner, IOptions<DockerOptions> options, DockerRequirement requirement) : IHealthCheck
{
    /// <summary>The component's name in the readiness answer.</summary>
    public const string Name = "docker";

    /// <summary>Key of the state (<see cref="Reachable"/>, <see cref="NotConfigured"/>, <see cref="Unreachable"/>) in the result's data.</summary>
    public const string StateKey = "state";

    public const string Reachable = "ok";
    public const string NotConfigured = "not configured";
    public const string Unreachable = "unreachable";

    /// <summary>How long the daemon has to answer; a readiness probe must not hang on a dead endpoint.</summary>
    public static readonly TimeSpan AnswerLimit = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var endpoint = options.Value.Endpoint;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(AnswerLimit);
        try
        {
            var version = await runner.Client.System.GetVersionAsync(limit.Token);
            return HealthCheckResult.Healthy($"Docker {version.Version} (API {version.APIVersion}) at {endpoint}", State(Reachable));
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = limit.IsCancellationRequested ? $"no answer within {AnswerLimit.TotalSeconds:0} s" : exception.Message;
            if (requirement.Required)
                return HealthCheckResult.Unhealthy(
                    $"The Docker daemon at {endpoint} does not answer ({reason}); container modules cannot run. Start it or fix ShipSec__Docker__Endpoint.",
                    data: State(Unreachable));
            if (!requirement.EndpointConfigured)
                return HealthCheckResult.Healthy(
                    $"No Docker daemon answers at the default {endpoint} ({reason}); modules that run in containers fail until one does. " +
                    "Set ShipSec__Docker__Endpoint to make Docker required.",
                    State(NotConfigured));
            return HealthCheckResult.Healthy(
                $"The Docker daemon at {endpoint} does not answer ({reason}); this process runs no modules, so it does not wait for Docker.",
                State(Unreachable));
        }
    }

    private static Dictionary<string, object> State(string state) => new() { [StateKey] = state };
}
