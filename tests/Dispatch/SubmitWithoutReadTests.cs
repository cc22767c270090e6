using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using TangerangLive.Grains;
using TangerangLive.Grains.Complaints;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Dispatch;

/// <summary>
/// A new report is stored without reading storage first (the write is an insert, refused when the report exists), and
/// a retry with the same key that reaches a new activation still finds the stored report: replayed for the same
/// report, a conflict for another, and the stored report is never overwritten. On the production ADO.NET storage on
/// PostgreSQL, with its reads counted per grain.
/// </summary>
public sealed class SubmitWithoutReadTests(DispatchDatabase database) : IClassFixture<DispatchDatabase>
{
    [Fact]
    public async Task A_new_report_is_stored_without_a_read_and_a_retry_on_a_new_activation_replays_it()
    {
        var reads = new ReadCounter();
        await using var engine = await DispatchCluster.StartAsync(database.ConnectionString, services: reads.Install);
        var scenario = engine.Scenario;
        var point = scenario.ZoneCentre(33);
        await scenario.OnDutyAsync("a", "DKP", scenario.Offset(point, 150, 0));

        var grain = engine.Grains.Complaint(ComplaintKey.NewId());
        var submission = new ComplaintSubmission(
            "garbage", "Sampah menumpuk", point.Lat, point.Lon, [], new Reporter("citizen-swr", "Warga", null), "app", "fingerprint-1");
        var created = await grain.SubmitAsync(submission);
        Assert.Equal(SubmitOutcomeKind.Created, created.Kind);
        var id = created.Complaint!.Report.Id;

        // Dispatch went on from what the submission wrote: the officer's offer, and not one read of the report.
        await engine.Live.WaitForAsync<TangerangLive.Grains.Live.ComplaintChanged>(c => c.ComplaintId == id && c.Status == "Offered", "the new report's offer");
        Assert.Equal(ComplaintStatus.Offered, (await grain.GetAsync())!.Status);
        Assert.Equal(0, reads.Of(grain));

        // The client's retry with its key reaches a new activation (its silo restarted, say): the insert is refused,
        // the report is read, and the answer is the stored report.
        await engine.Cluster.DeactivateNowAsync(grain);
        var replayed = await grain.SubmitAsync(submission);
        Assert.Equal(SubmitOutcomeKind.Replayed, replayed.Kind);
        Assert.Equal(id, replayed.Complaint!.Report.Id);
        Assert.Equal(ComplaintStatus.Offered, replayed.Complaint.Status);
        Assert.True(reads.Of(grain) >= 1, "the replay must have read the stored report");

        // Another report under the same key, on yet another activation: a conflict, and storage keeps the first.
        await engine.Cluster.DeactivateNowAsync(grain);
        var other = submission with { Description = "Banjir", Category = "flood", Fingerprint = "fingerprint-2" };
        var conflict = await grain.SubmitAsync(other);
        Assert.Equal(SubmitOutcomeKind.Conflict, conflict.Kind);
        await engine.Cluster.DeactivateNowAsync(grain);
        var stored = (await grain.GetAsync())!;
        Assert.Equal("Sampah menumpuk", stored.Report.Description);
        Assert.Equal("garbage", stored.Report.Category);
        Assert.Equal(ComplaintStatus.Offered, stored.Status);
        Assert.Equal(["received", "offered"], stored.Timeline.Select(t => t.Kind));
    }

    [Fact]
    public async Task Every_other_first_call_on_an_activation_reads_the_report()
    {
        var reads = new ReadCounter();
        await using var engine = await DispatchCluster.StartAsync(database.ConnectionString, services: reads.Install);
        var scenario = engine.Scenario;
        var (grain, snap) = await scenario.ReportAsync("garbage", scenario.ZoneCentre(34));
        Assert.Equal(0, reads.Of(grain));

        await engine.Cluster.DeactivateNowAsync(grain);
        var before = reads.Of(grain);
        var reloaded = await grain.GetAsync();
        Assert.Equal(snap.Report.Id, reloaded!.Report.Id);
        Assert.Equal(before + 1, reads.Of(grain));

        // An id never submitted: read once, and nothing there.
        var unknown = engine.Grains.Complaint(ComplaintKey.NewId());
        Assert.Null(await unknown.GetAsync());
        Assert.Equal(1, reads.Of(unknown));
    }

    /// <summary>Wraps the grain storage the grains use and counts its reads per grain.</summary>
    private sealed class ReadCounter
    {
        private readonly ConcurrentDictionary<GrainId, int> _reads = new();

        public int Of(IAddressable grain) => _reads.GetValueOrDefault(grain.GetGrainId());

        public void Install(IServiceCollection services)
        {
            var registered = services.Single(d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, StorageNames.Grains));
            var factory = registered.KeyedImplementationFactory!;
            services.Remove(registered);
            services.AddKeyedSingleton<IGrainStorage>(StorageNames.Grains, (sp, key) => new Counting((IGrainStorage)factory(sp, key), this));
        }

        private sealed class Counting(IGrainStorage inner, ReadCounter counter) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
        {
            public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
            {
                counter._reads.AddOrUpdate(grainId, 1, (_, n) => n + 1);
                return inner.ReadStateAsync(stateName, grainId, grainState);
            }

            public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.WriteStateAsync(stateName, grainId, grainState);

            public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

            public void Participate(ISiloLifecycle observer) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(observer);
        }
    }
}
