using System.Diagnostics.Metrics;
using Orleans.Concurrency;
using TangerangLive.Grains.Attendance;
using TangerangLive.Grains.Live;
using TangerangLive.Grains.Matching;
using TangerangLive.Grains.Zones;

namespace TangerangLive.Grains.Officers;

/// <inheritdoc cref="IOfficerShardGrain"/>
/// <remarks>
/// Reentrant: every method changes the table only in synchronous code, and the one await (a heartbeat passed to an
/// officer grain) touches no entry after it. It must be, because the officer grain it waits for may itself be
/// activating or deactivating and calling <see cref="ReclaimAsync"/> or <see cref="AdoptAsync"/> here.
/// </remarks>
[Reentrant]
public sealed class OfficerShardGrain(CityModel city, DomainClock clock, ILiveEventSink live, IPositionLog positions) : Grain, IOfficerShardGrain
{
    private static readonly Meter Meter = new("TangerangLive");

    private static readonly Counter<long> Heartbeats = Meter.CreateCounter<long>(
        "tangerang_officer_shard_heartbeats", description: "Heartbeats through the officer shards, by where they were applied (dormant: in the shard; officer: passed to the grain).");

    private static readonly UpDownCounter<long> Dormant = Meter.CreateUpDownCounter<long>(
        "tangerang_officers_dormant", description: "Officers on shift held by their shard, without an activation of their own.");

    private static readonly FixIntegrityChecker IntegrityChecker = new();

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A shard deactivates only when idle for the collection age (none of its officers heartbeating) or with its
        // silo: the entries are soft state, and each officer's next heartbeat goes to its grain.
        Dormant.Add(-_entries.Count);
        _entries.Clear();
        return Task.CompletedTask;
    }

    public Task<PositionAck> ReportPositionAsync(string officerId, PositionReport report)
    {
        if (!_entries.TryGetValue(officerId, out var entry) || Apply(entry, report) is not { } ack)
        {
            Heartbeats.Add(1, new KeyValuePair<string, object?>("applied", "officer"));
            return GrainFactory.Officer(officerId).ReportPositionAsync(report);
        }

        Heartbeats.Add(1, new KeyValuePair<string, object?>("applied", "dormant"));
        return Task.FromResult(ack);
    }

    public Task AdoptAsync(DormantOfficer officer)
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
        }
        else
        {
            _entries[officer.OfficerId] = entry;
        }

        return Task.CompletedTask;
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

    private IOfficerIndexGrain? IndexOf(string? zone, bool outside) =>
        zone is not null ? GrainFactory.Zone(zone)
        : outside ? GrainFactory.OutsideOfficers(city.Definition.Id)
        : null;

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
