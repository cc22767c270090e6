using Orleans.Concurrency;
using TangerangLive.Grains.Attendance;

namespace TangerangLive.Grains.Officers;

/// <summary>
/// The heartbeats of a fixed share of the officers (<see cref="OfficerShards"/>), and the hot state of those of them
/// whose grain is dormant. An officer on shift, online and free, whose grain has seen nothing but heartbeats for a
/// while, hands its position, last-seen time and integrity track to its shard and deactivates
/// (<see cref="AdoptAsync"/>); its heartbeats are then applied here, one compact entry per officer instead of an
/// Orleans activation each. Anything that is not a plain heartbeat (a silence past the offline threshold, a flagged
/// or rejected fix, an officer the shard does not hold) goes to the officer grain, which takes its entry back when it
/// activates (<see cref="ReclaimAsync"/>). An officer is held by its shard or live in its grain, never both, so there
/// is one writer of its state at a time. The entries are soft state: a lost shard loses at most the seconds of
/// positions the batched position log had not written, and the officer's next heartbeat goes to its grain, which
/// resumes from the position log as after any silo failure.
/// </summary>
public interface IOfficerShardGrain : IGrainWithIntegerKey
{
    /// <summary>A heartbeat of one of this shard's officers: applied here when the officer is dormant, otherwise passed to its grain.</summary>
    Task<PositionAck> ReportPositionAsync(string officerId, PositionReport report);

    /// <summary>The officer's grain is deactivating and hands its hot state over (see the class remarks).</summary>
    Task AdoptAsync(DormantOfficer officer);

    /// <summary>The officer's grain is activating: takes its entry back, or null when this shard does not hold it.</summary>
    Task<DormantOfficer?> ReclaimAsync(string officerId);

    /// <summary>Which of these officers this shard holds (a roster import wakes them to read their new entries).</summary>
    /// <remarks>Read-only: it only reads the table.</remarks>
    [ReadOnly]
    Task<IReadOnlyList<string>> HeldAmongAsync(IReadOnlyList<string> officerIds);

    /// <summary>How many officers this shard holds (operations and tests).</summary>
    /// <remarks>Read-only: it only reads the table.</remarks>
    [ReadOnly]
    Task<int> CountAsync();
}

/// <summary>
/// What a dormant officer's shard keeps: enough to apply a plain heartbeat exactly as the officer grain would (its
/// index, its position, its last-seen time, the integrity checker's track) and to hand it all back.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DormantOfficer(
    [property: Id(0)] string OfficerId,
    [property: Id(1)] string Agency,
    [property: Id(2)] string? ZoneCode,
    [property: Id(3)] bool Outside,
    [property: Id(4)] double Lat,
    [property: Id(5)] double Lon,
    [property: Id(6)] DateTimeOffset FixAt,
    [property: Id(7)] DateTimeOffset LastHeard,
    [property: Id(8)] FixTrack? Track);

/// <summary>Which shard an officer belongs to: a hash of its id that every silo computes the same way.</summary>
public static class OfficerShards
{
    /// <summary>
    /// Shards in a cluster. Fixed: every silo must send an officer's heartbeats to the same shard. 128 spreads 15,000
    /// heartbeats a second at about 120 per shard, and a cluster's silos take shards at random.
    /// </summary>
    public const int Count = 128;

    /// <summary>The shard of an officer: FNV-1a of its id (string.GetHashCode differs between processes).</summary>
    public static int Of(string officerId)
    {
        var hash = 2166136261u;
        foreach (var c in officerId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Count);
    }

    public static IOfficerShardGrain OfficerShard(this IGrainFactory grains, string officerId) =>
        grains.GetGrain<IOfficerShardGrain>(Of(officerId));
}
