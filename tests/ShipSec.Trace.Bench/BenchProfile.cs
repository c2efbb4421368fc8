namespace ShipSec.Trace.Bench;

/// <summary>The stack a run of the benchmark measures: embedded (SQLite, in-memory bus) or production (PostgreSQL, RabbitMQ).</summary>
public enum BenchProfile
{
    Embedded,
    Postgres,
}

/// <summary>Names of the profiles as the command line and the tables spell them.</summary>
public static class BenchProfiles
{
    /// <summary>The profile named by <c>--profile embedded|postgres</c>; embedded without the switch.</summary>
    public static BenchProfile FromArguments(string[] args)
    {
        var at = Array.IndexOf(args, "--profile");
        if (at < 0) return BenchProfile.Embedded;
        var name = at + 1 < args.Length ? args[at + 1] : "";
        return name.ToLowerInvariant() switch
        {
            "embedded" => BenchProfile.Embedded,
            "postgres" => BenchProfile.Postgres,
            _ => throw new ArgumentException($"--profile '{name}' is not a profile; use embedded or postgres."),
        };
    }

    /// <summary>The profile as the heading of its results names it.</summary>
    public static string Describe(this BenchProfile profile) => profile switch
    {
        BenchProfile.Embedded => "Embedded profile (SQLite + in-memory bus)",
        _ => "PostgreSQL + RabbitMQ profile",
    };

    /// <summary>The database as the path labels name it.</summary>
    public static string Database(this BenchProfile profile) => profile == BenchProfile.Embedded ? "SQLite" : "PostgreSQL";
}
