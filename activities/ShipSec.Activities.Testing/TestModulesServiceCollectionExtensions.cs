using Microsoft.Extensions.DependencyInjection;
using ShipSec.Modules;

namespace ShipSec.Activities.Testing;

/// <summary>Registers the <c>test.*</c> modules used by engine, runtime and end-to-end tests.</summary>
public static class TestModulesServiceCollectionExtensions
{
    /// <summary>Adds <c>test.sleep</c>, <c>test.fail</c>, <c>test.progress</c>, <c>test.echo</c> and <c>test.logs</c>.</summary>
    public static IServiceCollection AddTestModules(this IServiceCollection services) =>
        services
            .AddModule<SleepModule>()
            .AddModule<FailModule>()
            .AddModule<ProgressModule>()
            .AddModule<EchoModule>()
            .AddModule<LogsModule>();
}
