using System.ComponentModel.DataAnnotations;

namespace TangerangLive.Grains.Dispatch;

/// <summary>
/// How often open reports and held assignments are checked again. The defaults suit a city; failover
/// tests shorten them (section <c>Dispatch</c>, e.g. <c>--Dispatch:WatchPeriodSeconds 5</c>).
/// </summary>
public sealed class DispatchTimingOptions
{
    public const string Section = "Dispatch";

    /// <summary>Period of an open report's watch reminder, which resumes dispatch on whichever silo is alive.</summary>
    [Range(5, 3600)]
    public int WatchPeriodSeconds { get; set; } = 20;

    /// <summary>How often an officer holding a report asks the report to confirm it.</summary>
    [Range(1, 3600)]
    public int ReconcilePeriodSeconds { get; set; } = 30;

    /// <summary>
    /// How long an officer on shift, online and free hears nothing but heartbeats before its grain hands its hot state to
    /// its shard and deactivates (<see cref="Officers.IOfficerShardGrain"/>); -1 keeps every officer's grain active (the
    /// API then sends heartbeats straight to the officer grains). An officer holding a report never goes dormant; one
    /// freed goes dormant after this long without an offer, and is woken (its state read, its entry taken back) when
    /// dispatch finds it nearest, while the report is written. An active officer's heartbeats go to its grain directly,
    /// a dormant one's to its shard. 15 s by default: 100,000 officers on shift take 2.5-2.7 KiB of silo memory each with
    /// it and 5.7 KiB without, the heartbeat-only holds did as well or better with it, and since active officers'
    /// heartbeats skip the shard, dispatch beside 5,000 heartbeats/s was as fast or faster with it in both orders of a
    /// back-to-back pair (docs/benchmarks.md, sessions 13-15).
    /// </summary>
    [Range(-1, 86400)]
    public int OfficerDormantAfterSeconds { get; set; } = 15;

    /// <summary>
    /// After this many officers went dormant since the last time (and the wave of hand-overs has ended), the silo
    /// compacts its heap once: each hand-over leaves a dead activation of about 2 KB in the oldest generation, which the
    /// collector frees without compacting, so the memory stayed with the process (205 MB after 100,000 hand-overs,
    /// docs/benchmarks.md, session 13) until a compacting collection happened to run. 0 never compacts.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int CompactHeapAfterHandOvers { get; set; } = 10_000;

    /// <summary>
    /// How long a zone gathers changes to its open-report index (the duplicate index, derived data: every report is
    /// stored before it reaches its zone) before writing them in one write. 1,000 ms by default: at 100 reports/s the
    /// zones wrote their whole index (about 3.7 KB) about once per report, one write per change; with the window a busy
    /// zone writes at most once a second. A silo that dies loses at most the changes of the last window, which cost a
    /// missed duplicate link (the report is dispatched on its own), never a report. A deactivating zone writes at once.
    /// 0 writes each change as soon as the previous write is done.
    /// </summary>
    [Range(0, 60_000)]
    public int ZoneIndexWriteWindowMilliseconds { get; set; } = 1_000;

    public TimeSpan ZoneIndexWriteWindow => TimeSpan.FromMilliseconds(ZoneIndexWriteWindowMilliseconds);

    /// <summary><see cref="OfficerDormantAfterSeconds"/>, or null when officers never go dormant.</summary>
    public TimeSpan? OfficerDormantAfter => OfficerDormantAfterSeconds < 0 ? null : TimeSpan.FromSeconds(OfficerDormantAfterSeconds);

    public TimeSpan WatchPeriod => TimeSpan.FromSeconds(WatchPeriodSeconds);

    public TimeSpan ReconcilePeriod => TimeSpan.FromSeconds(ReconcilePeriodSeconds);
}
