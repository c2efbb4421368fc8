using Microsoft.EntityFrameworkCore;

namespace ShipSec.Runtime.Persistence.Sqlite;

/// <summary>The SQLite flavour of <see cref="ShipSecDbContext"/>; its migrations live in <c>Persistence/Migrations/Sqlite</c>.</summary>
public sealed class SqliteShipSecDbContext(DbContextOptions<SqliteShipSecDbContext> options) : ShipSecDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // SQLite cannot compare or order DateTimeOffset values stored as text; UTC ticks keep both exact.
        configuration.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}
