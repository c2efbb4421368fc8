using Microsoft.Extensions.Options;
using ShipSec.Runtime.Persistence;

namespace ShipSec.Server.Auth;

/// <summary>
/// At startup (after the database migration): stores <see cref="ApiAuthOptions.BootstrapKey"/> if its id is new, and warns when
/// the API is open to anyone because no key exists.
/// </summary>
public sealed partial class ApiKeyBootstrap(ApiKeyStore keys, IOptions<ApiAuthOptions> options, ILogger<ApiKeyBootstrap> logger) : IHostedService
{
    public const string BootstrapKeyName = "bootstrap";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.BootstrapKey is { Length: > 0 } configured && ApiKey.TryParse(configured.Trim(), out var key)
            && await keys.ImportAsync(key, BootstrapKeyName, cancellationToken))
        {
            LogBootstrapKeyStored(key.Id);
        }

        if (await keys.AnyActiveAsync(cancellationToken)) return;
        if (options.Value.Mode == ApiAuthMode.Auto) LogOpen();
        else LogNoKey();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored the bootstrap API key {KeyId} from ShipSec:Auth:BootstrapKey")]
    private partial void LogBootstrapKeyStored(string keyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The API is unauthenticated: no API key exists, so every /api/v1 route is open to clients on this machine (requests from elsewhere are refused). " +
        "Create a key (POST /api/v1/api-keys or 'api-key create --name <name>') to require keys from then on, or set ShipSec__Auth__Mode=Required; see docs/security.md")]
    private partial void LogOpen();

    [LoggerMessage(Level = LogLevel.Warning, Message = "ShipSec:Auth:Mode is Required but no API key exists: every /api/v1 request except health is refused. " +
        "Create one with 'api-key create --name <name>' or set ShipSec__Auth__BootstrapKey; see docs/security.md")]
    private partial void LogNoKey();
}
