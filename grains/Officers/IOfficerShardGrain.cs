using Orleans.Concurrency;
using TangerangLive.Grains.Attendance;

namespace TangerangLive.Grains.Officers;

/// <summary>
/// The heartbeats of a fixed share of the officers (<see cref="OfficerShards"/>), and the hot state of those of them
/// whose grain is dormant. An officer on shift, online and free, whose grain has seen nothing but heartbeats for a
/// while, hands its position, last-seen time and integrity track to its shard with the answer to a heartbeat the shard
/// passed on, and deactivates (<see cref="IOfficerGrain.ReportPositionForShardAsync"/>); its heartbeats are then
/// applied here, one compact entry per officer instead of an
/// Orleans activation each. Anything that is not a plain heartbeat (a silence past the offline threshold, a flagged
/// or rejected fix, an officer the shard does not hold) goes to the officer grain, which takes its entry back when it
/// activates (<see cref="ReclaimAsync"/>). An officer is held by its shard or live in its grain, never both, so there
/// is one writer of its state at a time. The entries are soft state: a lost shard loses at most the seconds of
/// positions the batched position log had not written, and the officer's next heartbeat goes to its grain, which
/// resumes from the position log as after any silo failure.
/// </summary>
public interface IOfficerShardGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// A heartbeat of one of this shard's officers: applied here when the officer is dormant, otherwise passed to its
    /// grain; the answer says which of the two the officer is now.
    /// </summary>
    Task<ShardPositionAck> ReportPositionAsync(string officerId, PositionReport report);

    /// <summary>Keeps the hot state of an officer whose grain, sent a heartbeat directly, went dormant.</summary>
    Task KeepAsync(DormantOfficer officer);

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

/// <summary>
/// The officer grain's answer to a heartbeat its shard passed on: the acknowledgement, or null when the grain had
/// already handed its state over (the shard applies the heartbeat itself); and the hot state to keep when the grain
/// hands it over with this answer.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ShardedPositionAck(
    [property: Id(0)] PositionAck? Ack,
    [property: Id(1)] DormantOfficer? HandOver)
{
    public static readonly ShardedPositionAck Bounced = new(null, null);
}

/// <summary>A heartbeat's answer from the officer's shard; <paramref name="Active"/>: the officer's grain is active and applied it.</summary>
[GenerateSerializer, Immutable]
public sealed record ShardPositionAck(
    [property: Id(0)] PositionAck Ack,
    [property: Id(1)] bool Active);

/// <summary>
/// The officer grain's answer to a heartbeat sent to it directly: the acknowledgement, or null when the grain had
/// already handed its state over (the heartbeat goes to the shard); <paramref name="Dormant"/>: the grain handed its
/// state to its shard with this heartbeat.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DirectPositionAck(
    [property: Id(0)] PositionAck? Ack,
    [property: Id(1)] bool Dormant)
{
    public static readonly DirectPositionAck Bounced = new(null, false);
}

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

    /// <summary>
    /// The officer's shard. The 128 references are made once per grain factory: Orleans' GetGrain resolves the
    /// interface's grain type from its attributes on every call, once per heartbeat here.
    /// </summary>
    public static IOfficerShardGrain OfficerShard(this IGrainFactory grains, string officerId) => Shard(grains, Of(officerId));

    /// <summary>
    /// Where a heartbeat from outside the cluster goes: straight to the officer's grain when officers never go dormant.
    /// When they may, to the officer's grain when its last heartbeat sent from this process found it active (an officer
    /// at work on a report, or recently given one, stays active: one grain call, not the shard's two), otherwise to its
    /// shard, which applies it for a dormant officer or passes it on. A wrong guess costs a call, never a heartbeat: a
    /// grain that handed its state over bounces the heartbeat to the shard, and a dormant officer's grain activated by
    /// a direct heartbeat takes its state back from the shard as any activation does.
    /// </summary>
    public static async Task<PositionAck> ReportPositionAsync(this IGrainFactory grains, string officerId, PositionReport report, Dispatch.DispatchTimingOptions timing)
    {
        if (timing.OfficerDormantAfter is null)
        {
            return await grains.Officer(officerId).ReportPositionAsync(report);
        }

        var active = ActiveOfficers.GetValue(grains, static _ => new(StringComparer.Ordinal));
        if (active.ContainsKey(officerId))
        {
            var direct = await grains.Officer(officerId).ReportPositionDirectAsync(report);
            if (direct.Ack is { } applied && !direct.Dormant)
            {
                return applied;
            }

            active.TryRemove(officerId, out _);
            if (direct.Ack is { } last)
            {
                return last;
            }
        }

        var routed = await grains.OfficerShard(officerId).ReportPositionAsync(officerId, report);
        if (routed.Active)
        {
            active.TryAdd(officerId, 0);
        }

        return routed.Ack;
    }

    /// <summary>Whether this process sends the officer's next heartbeat to its grain directly (operations and tests).</summary>
    public static bool SendsDirectly(this IGrainFactory grains, string officerId) =>
        ActiveOfficers.TryGetValue(grains, out var active) && active.ContainsKey(officerId);

    /// <summary>Shard number <paramref name="shard"/>, from the same cached references.</summary>
    public static IOfficerShardGrain Shard(this IGrainFactory grains, int shard) =>
        References.GetValue(grains, static factory => Enumerable.Range(0, Count).Select(i => factory.GetGrain<IOfficerShardGrain>(i)).ToArray())[shard];

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IGrainFactory, IOfficerShardGrain[]> References = [];

    /// <summary>
    /// Per grain factory (one per process), the officers whose last heartbeat found their grain active: only those (at
    /// 100,000 officers on shift, mostly dormant, a few hundred to a few thousand entries), and never more than the
    /// officers who ever heartbeated through this process: an officer that stops heartbeating while listed (its shift
    /// ended) stays listed, about 100 bytes, until a heartbeat finds it dormant.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IGrainFactory, System.Collections.Concurrent.ConcurrentDictionary<string, byte>> ActiveOfficers = [];
}
