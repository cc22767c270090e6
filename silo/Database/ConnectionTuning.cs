using System.Data.Common;
using Npgsql;

namespace TangerangLive.Silo.Database;

/// <summary>
/// How the silo's pooled connections talk to PostgreSQL. Two Npgsql defaults cost the database CPU on every use of a
/// pooled connection, and a dispatch run's statement profile (pg_stat_statements, docs/benchmarks.md, session 17)
/// showed both: a <c>DISCARD ALL</c> before each reuse (42,283 of them in a 40 s run, more than any real statement) and
/// every statement parsed and planned afresh, because nothing is prepared. The silo's statements are a fixed set of
/// parameterised texts (grain storage, reminders, the query model, photos), so they are prepared on each physical
/// connection once they repeat, and the reset is skipped.
/// </summary>
/// <remarks>
/// Skipping the reset is safe because nothing the silo runs on a pooled connection leaves session state behind: no
/// <c>SET</c> outside a transaction, no session advisory lock (the migration runner takes one, and runs on the
/// connection string as configured, which keeps the reset), no <c>LISTEN</c>, temporary tables only
/// <c>ON COMMIT DROP</c>. A setting the operator wrote into the connection string is kept as written.
/// </remarks>
public static class ConnectionTuning
{
    /// <summary>Statements kept prepared per physical connection (least recently used go first).</summary>
    public const int MaxAutoPrepare = 64;

    /// <summary>Uses of a statement text on a connection before it is prepared there.</summary>
    public const int AutoPrepareMinUsages = 2;

    /// <summary>The connection string for the silo's pools: <paramref name="connectionString"/> with the two settings above, unless it names them.</summary>
    public static string ForPools(string connectionString)
    {
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var named = written.Keys.Cast<string>().Select(Normalise).ToHashSet(StringComparer.Ordinal);
        var tuned = new NpgsqlConnectionStringBuilder(connectionString);
        if (!named.Contains("noresetonclose"))
        {
            tuned.NoResetOnClose = true;
        }

        if (!named.Contains("maxautoprepare"))
        {
            tuned.MaxAutoPrepare = MaxAutoPrepare;
        }

        if (!named.Contains("autoprepareminusages"))
        {
            tuned.AutoPrepareMinUsages = AutoPrepareMinUsages;
        }

        return tuned.ConnectionString;
    }

    private static string Normalise(string key) => key.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
}
