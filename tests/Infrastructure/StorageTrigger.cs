using Npgsql;

namespace TangerangLive.Tests.Infrastructure;

/// <summary>
/// A trigger on the grain storage table of a test's own PostgreSQL database, for one grain's row only: it runs a
/// plpgsql body before that row's writes (to hold or refuse them) until the returned handle is disposed.
/// </summary>
public static class StorageTrigger
{
    /// <summary>
    /// Runs <paramref name="body"/> before each <paramref name="events"/> ("INSERT", "INSERT OR UPDATE") of the row of
    /// <paramref name="grainId"/>, the grain's id as storage names it ("officer/ID", "complaint/ID").
    /// </summary>
    public static async Task<IAsyncDisposable> OnRowAsync(string connectionString, string grainId, string events, string body)
    {
        var name = $"trg_{Guid.NewGuid():N}";
        await ExecuteAsync(connectionString, $"""
            CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN {body} END $$;
            CREATE TRIGGER {name} BEFORE {events} ON orleans_storage FOR EACH ROW
            WHEN (NEW.grain_id_extension_string = '{grainId}') EXECUTE FUNCTION {name}();
            """);
        return new Restore(() => ExecuteAsync(connectionString, $"DROP TRIGGER {name} ON orleans_storage; DROP FUNCTION {name}();"));
    }

    /// <summary>Every write of the grain's row fails, as a database refusing it would.</summary>
    public static Task<IAsyncDisposable> FailingWritesAsync(string connectionString, string grainId) =>
        OnRowAsync(connectionString, grainId, "INSERT OR UPDATE", "RAISE EXCEPTION 'injected storage fault';");

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class Restore(Func<Task> undo) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await undo();
    }
}
