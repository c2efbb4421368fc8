using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using ShipSec.Runtime.Persistence;
using ShipSec.Server.Tests.Infrastructure;

namespace ShipSec.Server.Tests.Platform;

/// <summary>The SQLite migration set builds the schema of the current model on an empty database.</summary>
public sealed class MigrationTests : ServerTests
{
    [Test]
    public async Task Startup_applies_every_migration_and_the_model_needs_no_new_one()
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShipSecDbContext>();

        var pending = await db.Database.GetPendingMigrationsAsync();
        var applied = await db.Database.GetAppliedMigrationsAsync();
        var journalMode = await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync();

        Assert.That(pending, Is.Empty);
        Assert.That(applied, Is.Not.Empty);
        Assert.That(db.Database.HasPendingModelChanges(), Is.False, "run dotnet ef migrations add for the model change");
        Assert.That(journalMode.Single(), Is.EqualTo("wal"));
        Assert.That(File.Exists(Path.Combine(Server.DataPath, "shipsec.db")), Is.True);
    }
}
