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
    /// its shard and deactivates (<see cref="Officers.IOfficerShardGrain"/>); -1 keeps every officer's grain active.
    /// An officer holding a report never goes dormant; one freed goes dormant after this long without an offer, and the
    /// next offer waits for its activation (two reads, about 2 ms). Off by default (-1: heartbeats go straight to the
    /// officer grains): it takes 100,000 officers from 5.7 to 2.3 KiB of silo memory each, and below saturation it
    /// costs less CPU per heartbeat, but at the 15,000/s hold on the 2-core machine it fell behind where the grains
    /// alone did not (docs/benchmarks.md, session 13); 15 is the value measured for a silo whose memory matters more.
    /// </summary>
    [Range(-1, 86400)]
    public int OfficerDormantAfterSeconds { get; set; } = -1;

    /// <summary><see cref="OfficerDormantAfterSeconds"/>, or null when officers never go dormant.</summary>
    public TimeSpan? OfficerDormantAfter => OfficerDormantAfterSeconds < 0 ? null : TimeSpan.FromSeconds(OfficerDormantAfterSeconds);

    public TimeSpan WatchPeriod => TimeSpan.FromSeconds(WatchPeriodSeconds);

    public TimeSpan ReconcilePeriod => TimeSpan.FromSeconds(ReconcilePeriodSeconds);
}
