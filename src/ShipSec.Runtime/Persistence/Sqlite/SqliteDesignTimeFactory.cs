using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ShipSec.Runtime.Persistence.Sqlite;

/// <summary>
/// Lets dotnet-ef build the SQLite model without starting the host. Add a migration with
/// <c>dotnet ef migrations add Name --project src/ShipSec.Runtime --context SqliteShipSecDbContext
/// --output-dir Persistence/Migrations/Sqlite --namespace ShipSec.Runtime.Persistence.Migrations.Sqlite</c>.
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteShipSecDbContext>
{
    public SqliteShipSecDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteShipSecDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
