using Microsoft.EntityFrameworkCore;

namespace ShipSec.Runtime.Persistence.Postgres;

/// <summary>The PostgreSQL flavour of <see cref="ShipSecDbContext"/>; its migrations live in <c>Persistence/Migrations/Postgres</c>.</summary>
public sealed class PostgresShipSecDbContext(DbContextOptions<PostgresShipSecDbContext> options) : ShipSecDbContext(options);
