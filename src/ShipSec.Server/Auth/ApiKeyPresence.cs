using Microsoft.Extensions.Options;
using ShipSec.Runtime.Persistence;

namespace ShipSec.Server.Auth;

/// <summary>
/// Whether any active API key exists, remembered for <see cref="ApiAuthOptions.KeyPresenceCacheSeconds"/> so that open
/// (<see cref="ApiAuthMode.Auto"/>, no keys) requests do not query the database each time.
/// </summary>
public sealed class ApiKeyPresence(ApiKeyStore keys, TimeProvider clock, IOptions<ApiAuthOptions> options)
{
    private readonly Lock _gate = new();
    private long _generation;
    private (bool Any, DateTimeOffset Until)? _known;

    public async ValueTask<bool> AnyActiveAsync(CancellationToken cancellationToken)
    {
        long generation;
        lock (_gate)
        {
            if (_known is { } known && clock.GetUtcNow() < known.Until) return known.Any;
            generation = _generation;
        }
        var any = await keys.AnyActiveAsync(cancellationToken);
        lock (_gate)
        {
            // A create or revoke that happened during the query makes this answer stale: leave it uncached.
            if (generation == _generation) _known = (any, clock.GetUtcNow().AddSeconds(Math.Max(0, options.Value.KeyPresenceCacheSeconds)));
        }
        return any;
    }

    /// <summary>Forgets the remembered answer; called after this process creates or revokes a key.</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _generation++;
            _known = null;
        }
    }
}
