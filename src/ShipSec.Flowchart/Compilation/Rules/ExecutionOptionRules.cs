using ShipSec.Contracts.Graph;

namespace ShipSec.Flowchart.Compilation.Rules;

/// <summary>Join strategy, retry policy, timeout and concurrency of each node must be usable by the scheduler.</summary>
internal static class ExecutionOptionRules
{
    public static void Check(CompilationContext context)
    {
        foreach (var node in context.Nodes)
        {
            var config = node.Config;
            var path = FieldPath.Config(node.Index);

            if (config.JoinStrategy is { } join && !Enum.IsDefined(join))
                context.Report(GraphErrorCodes.InvalidJoinStrategy,
                    $"Node {node.Name} has an unknown join strategy; use \"all\", \"any\" or \"first\".", node.Id, field: $"{path}.joinStrategy");

            if (config.TimeoutSeconds is <= 0)
                context.Report(GraphErrorCodes.InvalidTimeout,
                    $"Node {node.Name} has timeoutSeconds {config.TimeoutSeconds}; it must be greater than 0 (or removed to use the default).",
                    node.Id, field: $"{path}.timeoutSeconds");

            if (config.MaxConcurrency is <= 0)
                context.Report(GraphErrorCodes.InvalidMaxConcurrency,
                    $"Node {node.Name} has maxConcurrency {config.MaxConcurrency}; it must be greater than 0 (or removed for no limit).",
                    node.Id, field: $"{path}.maxConcurrency");

            if (config.RetryPolicy is { } retry)
                CheckRetryPolicy(context, node, retry, $"{path}.retryPolicy");
        }
    }

    private static void CheckRetryPolicy(CompilationContext context, CompiledNode node, RetryPolicy retry, string path)
    {
        void Problem(string field, string rule) =>
            context.Report(GraphErrorCodes.InvalidRetryPolicy, $"Node {node.Name}: retryPolicy.{field} {rule}.", node.Id, field: $"{path}.{field}");

        if (retry.MaxAttempts < 1)
            Problem("maxAttempts", $"is {retry.MaxAttempts}; it must be at least 1 (1 means no retry)");
        if (!(retry.InitialIntervalSeconds >= 0))
            Problem("initialIntervalSeconds", $"is {retry.InitialIntervalSeconds}; it must be 0 or more seconds");
        if (!(retry.BackoffCoefficient >= 1))
            Problem("backoffCoefficient", $"is {retry.BackoffCoefficient}; it must be at least 1 (1 keeps the interval constant)");
        if (retry.MaximumIntervalSeconds is { } maximum && !(maximum >= 0))
            Problem("maximumIntervalSeconds", $"is {maximum}; it must be 0 or more seconds");
        else if (retry.MaximumIntervalSeconds is { } max && max < retry.InitialIntervalSeconds)
            Problem("maximumIntervalSeconds", $"is {max}, below initialIntervalSeconds ({retry.InitialIntervalSeconds}); raise it or remove it");
    }
}
