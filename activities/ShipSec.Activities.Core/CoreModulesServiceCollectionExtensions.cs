using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ShipSec.Activities.Core.Entrypoint;
using ShipSec.Activities.Core.Files;
using ShipSec.Activities.Core.Http;
using ShipSec.Activities.Core.Report;
using ShipSec.Activities.Core.Text;
using ShipSec.Modules;

namespace ShipSec.Activities.Core;

/// <summary>Registers the core modules: entry point, text transforms, HTTP request, the markdown report and the file loader.</summary>
public static class CoreModulesServiceCollectionExtensions
{
    /// <summary>Adds the <c>core.*</c> modules and the HTTP client <see cref="HttpRequestModule"/> uses.</summary>
    public static IServiceCollection AddCoreModules(this IServiceCollection services)
    {
        services.AddHttpClient(HttpRequestModule.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(TimeProvider.System);
        return services
            .AddModule<EntrypointModule>()
            .AddModule<TextSplitModule>()
            .AddModule<TextJoinModule>()
            .AddModule<HttpRequestModule>()
            .AddModule<MarkdownReportModule>()
            .AddModule<FileLoaderModule>();
    }
}
