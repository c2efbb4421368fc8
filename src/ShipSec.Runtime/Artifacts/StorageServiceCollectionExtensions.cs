using Microsoft.Extensions.DependencyInjection;
using ShipSec.Runtime.Configuration;
using ShipSec.Runtime.Files;
using ShipSec.Runtime.Secrets;

namespace ShipSec.Runtime.Artifacts;

/// <summary>Registers what the runtime stores outside the run state: the artifact store (file system or S3), uploaded files and secrets.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds the configured <see cref="IArtifactStore"/> (<c>ShipSec:Storage:Provider</c>), the artifact recorder and
    /// cleanup, the file library, the secret vault and resolver, and per role the retention sweep and artifact queries.
    /// Throws <see cref="RuntimeConfigurationException"/> for missing or malformed settings.
    /// </summary>
    public static IServiceCollection AddShipSecStorage(this IServiceCollection services, ShipSecOptions options)
    {
        var store = ArtifactStore(options);
        services.AddSingleton(_ => store);
        services.AddSingleton<ArtifactRecorder>();
        services.AddSingleton<RunArtifactCleanup>();
        services.AddSingleton<FileLibrary>();

        SecretKey.Validate(options);
        services.AddSingleton(new Lazy<SecretCipher>(() => new SecretCipher(SecretKey.Load(options))));
        services.AddSingleton<SecretVault>();
        services.AddSingleton<SecretResolver>();

        if (options.Role.HostsOrchestrator()) services.AddHostedService<ArtifactRetentionSweeper>();
        if (options.Role.HostsApi()) services.AddScoped<ArtifactQueries>();
        return services;
    }

    private static IArtifactStore ArtifactStore(ShipSecOptions options) => options.Storage.Provider switch
    {
        StorageProvider.FileSystem => new FileSystemArtifactStore(Path.Combine(options.FullDataPath, "artifacts")),
        StorageProvider.S3 => S3ArtifactStore.Create(options.Storage.S3, Path.Combine(options.FullDataPath, "spool")),
        _ => throw new RuntimeConfigurationException(
            $"ShipSec:Storage:Provider '{options.Storage.Provider}' is not a storage provider; use 'FileSystem' (the default) or 'S3'."),
    };
}
