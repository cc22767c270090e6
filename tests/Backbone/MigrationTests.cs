using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TangerangLive.Silo.Database;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Backbone;

public sealed class MigrationTests
{
    [Fact]
    public async Task Running_the_migrations_a_second_time_changes_nothing()
    {
        var connectionString = await PostgresServer.CreateEmptyDatabaseAsync("migrate_twice");
        var runner = new MigrationRunner(NullLogger<MigrationRunner>.Instance);

        var first = await runner.ApplyAsync(connectionString);
        var before = await SchemaFingerprintAsync(connectionString);
        var second = await runner.ApplyAsync(connectionString);
        var after = await SchemaFingerprintAsync(connectionString);

        Assert.Equal(MigrationRunner.Embedded.Select(m => m.Id), first);
        Assert.Empty(second);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Silos_migrating_an_empty_database_at_the_same_moment_apply_each_migration_once()
    {
        var connectionString = await PostgresServer.CreateEmptyDatabaseAsync("migrate_race");
        var reference = await PostgresServer.CreateEmptyDatabaseAsync("migrate_reference");
        await new MigrationRunner(NullLogger<MigrationRunner>.Instance).ApplyAsync(reference);

        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            Task.Run(() => new MigrationRunner(NullLogger<MigrationRunner>.Instance).ApplyAsync(connectionString))));

        var applied = runs.SelectMany(r => r).ToList();
        Assert.Equal(MigrationRunner.Embedded.Select(m => m.Id).Order(), applied.Order());
        Assert.Equal(await SchemaFingerprintAsync(reference), await SchemaFingerprintAsync(connectionString));
    }

    [Fact]
    public async Task Every_query_key_the_orleans_providers_need_is_installed()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync("query_keys");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey", connection);
        var keys = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }

        string[] required =
        [
            "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey", "ClearStorageKey", "DeleteMembershipTableEntriesKey",
            "DeleteReminderRowKey", "DeleteReminderRowsKey", "DeleteStorageKey", "GatewaysQueryKey", "InsertMembershipKey",
            "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "ReadFromStorageKey", "ReadRangeRows1Key",
            "ReadRangeRows2Key", "ReadReminderRowKey", "ReadReminderRowsKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey",
            "UpsertReminderRowKey", "WriteToStorageKey",
        ];
        Assert.Equal(required.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    private static async Task<string> SchemaFingerprintAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT string_agg(line, E'\n' ORDER BY line) FROM (
                SELECT 'col ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable AS line
                  FROM information_schema.columns WHERE table_schema = 'public'
                UNION ALL
                SELECT 'idx ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
                UNION ALL
                SELECT 'fn ' || p.proname || ' ' || md5(p.prosrc) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
                UNION ALL
                SELECT 'q ' || QueryKey || ' ' || md5(QueryText) FROM OrleansQuery
                UNION ALL
                SELECT 'm ' || id || ' ' || checksum FROM schema_migrations) lines
            """, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
