using System.Diagnostics.Metrics;
using Orleans.Concurrency;
using TangerangLive.Grains.Attendance;
using TangerangLive.Grains.Live;
using TangerangLive.Grains.Matching;
using TangerangLive.Grains.Zones;

namespace TangerangLive.Grains.Officers;

/// <inheritdoc cref="IOfficerShardGrain"/>
/// <remarks>
/// Reentrant: every method changes the table only in synchronous code, and a heartbeat passed on to an officer grain
/// looks its entry up again after the await. It must be, because the officer grain it waits for may itself be
/// activating and calling <see cref="ReclaimAsync"/> here.
/// </remarks>
[Reentrant]
public sealed class OfficerShardGrain(CityModel city, DomainClock clock, ILiveEventSink live, IPositionLog positions) : Grain, IOfficerShardGrain
{
    /// <summary>How often a heartbeat is passed on at most while its officer's grain bounces it.</summary>
    private const int MaxPassOn = 5;

    private static readonly Meter Meter = new("TangerangLive");

    /// <summary>
    /// Only the heartbeats passed on are counted (the rest are the accepted heartbeats less these): a counter with a tag
    /// on every heartbeat is one more OpenTelemetry aggregator update each (those updates, with the engine's other
    /// counters, were 1.4 % of the silo's running time in a sampled thread-time profile at 15,000 heartbeats/s).
    /// </summary>
    private static readonly Counter<long> PassedOn = Meter.CreateCounter<long>(
        "tangerang_officer_shard_passed_on", description: "Heartbeats an officer shard passed to the officer's grain (the officer was not dormant, or the heartbeat was not a plain one).");

    private static readonly UpDownCounter<long> Dormant = Meter.CreateUpDownCounter<long>(
        "tangerang_officers_dormant", description: "Officers on shift held by their shard, without an activation of their own.");

    private static readonly FixIntegrityChecker IntegrityChecker = new();

    private static long _handOvers;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>
    /// Hand-overs received by the shards of this process since it started: each one is an officer activation that
    /// deactivated, so a wave of them leaves that much garbage behind (read by the silo's heap compaction).
    /// </summary>
    public static long HandOvers => Interlocked.Read(ref _handOvers);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A shard deactivates only when idle for the collection age (none of its officers heartbeating) or with its
        // silo: the entries are soft state, and each officer's next heartbeat goes to its grain.
        Dormant.Add(-_entries.Count);
        _entries.Clear();
        return Task.CompletedTask;
    }

    public Task<ShardPositionAck> ReportPositionAsync(string officerId, PositionReport report) =>
        _entries.TryGetValue(officerId, out var entry) && Apply(entry, report) is { } ack ? Task.FromResult(new ShardPositionAck(ack, false)) : PassOnAsync(officerId, report);

    public Task KeepAsync(DormantOfficer officer)
    {
        Keep(officer);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The heartbeat goes to the officer's grain: it applies it, and may hand its hot state over with the answer (kept
    /// here before any later heartbeat of the officer is looked at, so none of them goes to the deactivating grain and
    /// wakes a new activation). A heartbeat the grain bounces, sent while it was handing over, is applied here; one that
    /// is not plain goes to the grain again, whose next activation takes the entry back.
    /// </summary>
    private async Task<ShardPositionAck> PassOnAsync(string officerId, PositionReport report)
    {
        for (var attempt = 1; ; attempt++)
        {
            PassedOn.Add(1);
            var reply = await GrainFactory.Officer(officerId).ReportPositionForShardAsync(report);
            if (reply.HandOver is { } dormant)
            {
                Keep(dormant);
            }

            if (reply.Ack is { } ack)
            {
                return new ShardPositionAck(ack, reply.HandOver is null);
            }

            if (_entries.TryGetValue(officerId, out var entry) && Apply(entry, report) is { } applied)
            {
                return new ShardPositionAck(applied, false);
            }

            if (attempt == MaxPassOn)
            {
                throw new InvalidOperationException($"Officer {officerId}'s grain bounced a heartbeat {MaxPassOn} times while handing its state over.");
            }

            // Bounced before the answer carrying the hand-over arrived here: give it a moment.
            await Task.Delay(TimeSpan.FromMilliseconds(10 * attempt));
        }
    }

    /// <summary>Keeps a dormant officer's hot state, handed over by its grain.</summary>
    private void Keep(DormantOfficer officer)
    {
        var entry = new Entry(officer.OfficerId, SharedStrings.Get(officer.Agency))
        {
            ZoneCode = SharedStrings.Get(officer.ZoneCode),
            Outside = officer.Outside,
            Lat = officer.Lat,
            Lon = officer.Lon,
            FixAt = officer.FixAt,
            LastHeard = officer.LastHeard,
            Track = officer.Track,
        };
        if (_entries.TryAdd(officer.OfficerId, entry))
        {
            Dormant.Add(1);
            Interlocked.Increment(ref _handOvers);
        }
        else
        {
            _entries[officer.OfficerId] = entry;
        }
    }

    public Task<DormantOfficer?> ReclaimAsync(string officerId)
    {
        if (!_entries.Remove(officerId, out var e))
        {
            return Task.FromResult<DormantOfficer?>(null);
        }

        Dormant.Add(-1);
        return Task.FromResult<DormantOfficer?>(new DormantOfficer(e.OfficerId, e.Agency, e.ZoneCode, e.Outside, e.Lat, e.Lon, e.FixAt, e.LastHeard, e.Track));
    }

    public Task<IReadOnlyList<string>> HeldAmongAsync(IReadOnlyList<string> officerIds) =>
        Task.FromResult<IReadOnlyList<string>>(officerIds.Where(_entries.ContainsKey).ToList());

    public Task<int> CountAsync() => Task.FromResult(_entries.Count);

    /// <summary>
    /// Applies a plain heartbeat to a dormant officer exactly as its grain would, or returns null, changing nothing,
    /// when it is not plain and the grain must see it: the silence before it passed the offline threshold (an online
    /// interval closes, a transition the grain saves), the integrity checker flagged or rejected the fix (a flag is
    /// saved and shown to operators), or the server clock did not move on since the last one.
    /// </summary>
    private PositionAck? Apply(Entry entry, PositionReport report)
    {
        var now = clock.Now;
        if (now <= entry.LastHeard || now - entry.LastHeard > city.Definition.Liveness.OfflineThreshold)
        {
            return null;
        }

        var found = city.Map.FindZone(report.Lat, report.Lon);
        var check = IntegrityChecker.Check(entry.Track, new Fix(report.Lat, report.Lon, report.DeviceTime, now, report.AccuracyMetres ?? 0, report.Mock), found is not null);
        if (!check.Accepted || !check.Flags.IsDefaultOrEmpty)
        {
            return null;
        }

        entry.Track = check.Track;
        entry.LastHeard = now;
        entry.Lat = report.Lat;
        entry.Lon = report.Lon;
        entry.FixAt = now;
        MoveToZone(entry, found?.Code);
        positions.Record(new OfficerPositionRecord(entry.OfficerId, entry.Agency, entry.ZoneCode, entry.Lat, entry.Lon, now, now, OfficerDuty.Available, true, true, now));
        live.Publish(new OfficerMoved(now, entry.OfficerId, entry.Agency, entry.ZoneCode, entry.Lat, entry.Lon));
        return new PositionAck(true, entry.ZoneCode, []);
    }

    /// <summary>As the officer grain's: one way, the index left forgets the officer, the index of the fix (its zone, or the outside index) takes its position.</summary>
    private void MoveToZone(Entry entry, string? zone)
    {
        var outside = zone is null;
        if (entry.ZoneCode != zone || entry.Outside != outside)
        {
            IndexOf(entry.ZoneCode, entry.Outside)?.RemoveOfficerAsync(entry.OfficerId).Ignore();
        }

        entry.ZoneCode = zone;
        entry.Outside = outside;
        IndexOf(zone, outside)!.UpdateOfficerAsync(new OfficerPosition(entry.OfficerId, entry.Agency, entry.Lat, entry.Lon, true, entry.FixAt.UtcDateTime)).Ignore();
    }

    private IOfficerIndexGrain? IndexOf(string? zone, bool outside) => GrainFactory.IndexOf(city, zone, outside);

    /// <summary>A dormant officer: on shift, online, active and free (the only officers a grain hands over).</summary>
    private sealed class Entry(string officerId, string agency)
    {
        public string OfficerId { get; } = officerId;

        public string Agency { get; } = agency;

        public string? ZoneCode { get; set; }

        public bool Outside { get; set; }

        public double Lat { get; set; }

        public double Lon { get; set; }

        public DateTimeOffset FixAt { get; set; }

        public DateTimeOffset LastHeard { get; set; }

        public FixTrack? Track { get; set; }
    }
}
