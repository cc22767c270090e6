using Npgsql;
using TangerangLive.Silo.Database;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Backbone;

public sealed class ConnectionTuningTests
{
    [Fact]
    public void The_pools_skip_the_reset_and_prepare_repeated_statements_unless_the_connection_string_says_otherwise()
    {
        var tuned = new NpgsqlConnectionStringBuilder(ConnectionTuning.ForPools("Host=127.0.0.1;Port=5432;Username=u;Password=p;Database=d"));
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(ConnectionTuning.MaxAutoPrepare, tuned.MaxAutoPrepare);
        Assert.Equal(ConnectionTuning.AutoPrepareMinUsages, tuned.AutoPrepareMinUsages);
        Assert.Equal("d", tuned.Database);
        Assert.Equal("p", tuned.Password);

        var written = new NpgsqlConnectionStringBuilder(ConnectionTuning.ForPools("Host=h;No Reset On Close=false;maxautoprepare=0;Auto Prepare Min Usages=7"));
        Assert.False(written.NoResetOnClose);
        Assert.Equal(0, written.MaxAutoPrepare);
        Assert.Equal(7, written.AutoPrepareMinUsages);
    }

    [Fact]
    public async Task A_tuned_pool_keeps_its_prepared_statements_across_uses_and_never_hands_out_an_open_transaction()
    {
        var connectionString = ConnectionTuning.ForPools(await PostgresServer.CreateDatabaseAsync("connection_tuning"));
        await using var pool = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 1 }.ConnectionString);

        int firstBackend;
        await using (var connection = await pool.OpenConnectionAsync())
        {
            firstBackend = await ScalarAsync<int>(connection, "SELECT pg_backend_pid()");
            for (var i = 0; i < ConnectionTuning.AutoPrepareMinUsages + 1; i++)
            {
                await ScalarAsync<long>(connection, "SELECT count(*) FROM orleans_storage WHERE version >= 0");
            }

            // Left open on purpose: returning the connection must roll it back.
            await using var forgotten = await connection.BeginTransactionAsync();
            await using var insert = new NpgsqlCommand("CREATE TABLE tuning_left_open (id int)", connection, forgotten);
            await insert.ExecuteNonQueryAsync();
        }

        await using (var again = await pool.OpenConnectionAsync())
        {
            Assert.Equal(firstBackend, await ScalarAsync<int>(again, "SELECT pg_backend_pid()"));
            var prepared = await ScalarAsync<long>(again, "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%FROM orleans_storage WHERE version >= 0%'");
            Assert.Equal(1L, prepared);
            Assert.Null(await ScalarAsync<string?>(again, "SELECT to_regclass('tuning_left_open')::text"));
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default! : (T)value;
    }
}
