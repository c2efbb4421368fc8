using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ShipSec.Runtime.Persistence.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add --context SqliteShipSecDbContext</c> build the model without starting the host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteShipSecDbContext>
{
    public SqliteShipSecDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteShipSecDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
