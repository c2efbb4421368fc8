using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ShipSec.Runtime.Persistence.Sqlite;

/// <summary>Stores a <see cref="DateTimeOffset"/> as its UTC ticks so SQLite can index, compare and order it exactly.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
