using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ShipSec.Runtime.Persistence.Postgres;

/// <summary>
/// Lets dotnet-ef build the PostgreSQL model without a server. Add a migration with
/// <c>dotnet ef migrations add Name --project src/ShipSec.Runtime --context PostgresShipSecDbContext
/// --output-dir Persistence/Migrations/Postgres --namespace ShipSec.Runtime.Persistence.Migrations.Postgres</c>
/// (and the same name for <c>SqliteShipSecDbContext</c>, so both sets stay in step with the model).
/// </summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresShipSecDbContext>
{
    public PostgresShipSecDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresShipSecDbContext>().UseNpgsql("Host=127.0.0.1;Database=design_time").Options);
}
