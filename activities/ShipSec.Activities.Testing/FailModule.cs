using ShipSec.Contracts.Components;
using ShipSec.Modules;
using ShipSec.Modules.Descriptors;

namespace ShipSec.Activities.Testing;

/// <summary><c>test.fail</c>: fails on purpose (every attempt, or only the first <c>failAttempts</c>) so tests can exercise retries and error edges.</summary>
public sealed class FailModule : IModule
{
    public ComponentDescriptor Descriptor { get; } = ComponentDescriptorBuilder.Create("test.fail", "Fail")
        .Category("test")
        .Description(
            "Fails on purpose. With retryable=true it throws a retryable ServiceError, otherwise a non-retryable ValidationError. " +
            "Without failAttempts every attempt fails; with failAttempts=N only attempts 1..N fail and later attempts succeed, outputting attempt.")
        .BooleanParameter("retryable", "Retryable", false, "true: ServiceError (retryable); false: ValidationError (never retried).")
        .NumberParameter("failAttempts", "Failing attempts", null, "Fail only the first N attempts; leave empty to fail every attempt.", min: 0)
        .Output("attempt", "Attempt", ConnectionType.Number)
        .Build();

    public Task<ModuleResult> ExecuteAsync(ModuleContext context)
    {
        var retryable = context.Param<bool>("retryable");
        var failAttempts = context.Param<int?>("failAttempts");

        if (failAttempts is null || context.Attempt <= failAttempts)
        {
            var limit = failAttempts is null ? "every attempt" : $"attempts 1..{failAttempts}";
            context.Log($"failing attempt {context.Attempt} on purpose ({limit})", level: Contracts.Trace.TraceLevel.Warn);
            throw retryable
                ? new ModuleException(ModuleErrorKind.Service, $"test.fail failed attempt {context.Attempt} on purpose ({limit}); a retry may pass.")
                : new ModuleException(ModuleErrorKind.Validation, $"test.fail failed attempt {context.Attempt} on purpose ({limit}); not retryable.");
        }

        context.Log($"attempt {context.Attempt} passes (failAttempts={failAttempts})");
        return Task.FromResult(ModuleResult.From(new Dictionary<string, object?> { ["attempt"] = context.Attempt }));
    }
}
