using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Runtime;
using Orleans.Storage;
using TangerangLive.Grains;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Backbone;

/// <summary>The production grain storage and reminders, through our own schema, on a real PostgreSQL.</summary>
public sealed class GrainStorageOnPostgresTests(PostgresClusterFixture fixture) : IClassFixture<PostgresClusterFixture>
{
    [Fact]
    public async Task State_written_survives_deactivation_and_is_read_back_from_postgres()
    {
        var grain = fixture.Grains.GetGrain<IProbeGrain>("probe/alpha");
        await grain.SetAsync("kept across activations");

        await fixture.Cluster.DeactivateNowAsync(grain);

        Assert.Equal("kept across activations", await grain.GetAsync());
        Assert.Equal(1L, await CountRowsAsync("probe-a", "probe/alpha"));
    }

    [Fact]
    public async Task Stale_version_write_is_rejected()
    {
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);
        var id = GrainId.Create("probe", "probe/stale");
        var first = new GrainState<ProbeState>(new ProbeState { Value = "v1" });
        await storage.WriteStateAsync("probe-a", id, first);
        var staleCopy = new GrainState<ProbeState>(new ProbeState { Value = "stale" }) { ETag = first.ETag, RecordExists = true };

        first.State!.Value = "v2";
        await storage.WriteStateAsync("probe-a", id, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("probe-a", id, staleCopy));
        var reread = new GrainState<ProbeState>(new ProbeState());
        await storage.ReadStateAsync("probe-a", id, reread);
        Assert.Equal("v2", reread.State!.Value);
    }

    [Fact]
    public async Task First_write_over_an_existing_row_is_rejected()
    {
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);
        var id = GrainId.Create("probe", "probe/twice-new");
        await storage.WriteStateAsync("probe-a", id, new GrainState<ProbeState>(new ProbeState { Value = "first" }));

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteStateAsync("probe-a", id, new GrainState<ProbeState>(new ProbeState { Value = "blind" })));
    }

    [Fact]
    public async Task Two_grain_classes_with_the_same_key_keep_separate_state()
    {
        var a = fixture.Grains.GetGrain<IProbeGrain>("probe/shared-key");
        var b = fixture.Grains.GetGrain<IProbeTwinGrain>("probe/shared-key");
        await a.SetAsync("from class A");
        await b.SetAsync("from class B");

        await fixture.Cluster.DeactivateNowAsync(a);
        await fixture.Cluster.DeactivateNowAsync(b);

        Assert.Equal("from class A", await a.GetAsync());
        Assert.Equal("from class B", await b.GetAsync());
        Assert.Equal(1L, await CountRowsAsync("probe-a", "probe/shared-key"));
        Assert.Equal(1L, await CountRowsAsync("probe-b", "probe/shared-key"));
    }

    [Fact]
    public async Task Clearing_state_resets_it_and_allows_writing_again()
    {
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);
        var id = GrainId.Create("probe", "probe/cleared");
        var state = new GrainState<ProbeState>(new ProbeState { Value = "to clear" });
        await storage.WriteStateAsync("probe-a", id, state);
        await storage.ClearStateAsync("probe-a", id, state);

        var reread = new GrainState<ProbeState>(new ProbeState());
        await storage.ReadStateAsync("probe-a", id, reread);
        Assert.Null(reread.State!.Value);

        state.State = new ProbeState { Value = "again" };
        await storage.WriteStateAsync("probe-a", id, state);
        await storage.ReadStateAsync("probe-a", id, reread);
        Assert.Equal("again", reread.State!.Value);
    }

    [Fact]
    public async Task Reminder_is_stored_in_postgres_and_fires()
    {
        var key = $"probe/reminder-{Guid.NewGuid():N}";
        var fired = ReminderProbeGrain.Fired.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var grain = fixture.Grains.GetGrain<IReminderProbeGrain>(key);

        await grain.ArmAsync(TimeSpan.FromSeconds(2));

        await using (var connection = new NpgsqlConnection(fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT period FROM orleans_reminders WHERE grain_id LIKE @key AND reminder_name = 'probe'", connection);
            command.Parameters.AddWithValue("key", "%" + key);
            Assert.Equal(60_000L, await command.ExecuteScalarAsync());
        }

        await fired.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(1, await grain.FiredCountAsync());
    }

    private async Task<long> CountRowsAsync(string stateName, string key)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM orleans_storage WHERE grain_type_string = @state AND grain_id_extension_string = @key AND payload_binary IS NOT NULL", connection);
        command.Parameters.AddWithValue("state", stateName);
        command.Parameters.AddWithValue("key", key);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
