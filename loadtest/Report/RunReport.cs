using TangerangLive.LoadTest.Core;
using TangerangLive.LoadTest.Run;

namespace TangerangLive.LoadTest.Report;

/// <summary>Everything a <c>loadtest run</c> measured and checked, as written to report.json and report.md.</summary>
internal sealed record RunReport(
    string Command,
    string Machine,
    string RunId,
    DateTimeOffset StartedAt,
    RunSettings Settings,
    IReadOnlyList<OperationSummary> Setup,
    IReadOnlyList<OperationSummary> Operations,
    RunCountsView Counts,
    IReadOnlyList<StreamView> Streams,
    IReadOnlyList<CheckResult> Checks,
    IReadOnlyList<string> Notes,
    IReadOnlyList<SiloMetricsSample> Silo,
    IReadOnlyList<StatsSample> Series)
{
    public bool Passed => Checks.All(c => !c.Failed);
}

/// <summary>The scenario as run.</summary>
internal sealed record RunSettings(
    IReadOnlyList<string> Urls,
    int Officers,
    int HubOfficers,
    double HeartbeatSeconds,
    double OsmAndFraction,
    double ReportsPerSecond,
    double DurationSeconds,
    double DrainSeconds,
    int Seed,
    double RefuseFraction,
    double IgnoreFraction,
    double DropoutFraction,
    double OverrideFraction,
    double PhotoFraction,
    int Citizens,
    double OfflineThresholdSeconds,
    double WarmupSeconds)
{
    public static RunSettings From(RunOptions o, int hubOfficers, TimeSpan drain) => new(
        [.. o.Urls.Select(u => u.ToString())], o.Officers, hubOfficers, o.HeartbeatSeconds, o.OsmAndFraction, o.ReportsPerSecond,
        o.Duration.TotalSeconds, drain.TotalSeconds, o.Seed, o.RefuseFraction, o.IgnoreFraction, o.DropoutFraction, o.OverrideFraction,
        o.PhotoFraction, o.EffectiveCitizens, o.OfflineThreshold.TotalSeconds, o.Warmup.TotalSeconds);
}

/// <summary>What the simulated people did, as counted by the simulator.</summary>
internal sealed record RunCountsView(long ReportsSent, long ReportsAccepted, long Offered, long Acknowledged, long Resolved, long Refused,
    long Ignored, long Overrides, long DropOuts, long HubReconnects)
{
    public static RunCountsView From(RunCounters c) => new(c.Submitted, c.Accepted, c.Offered, c.Acknowledged, c.Resolved, c.Refused,
        c.Ignored, c.Overrides, c.DropOuts, c.HubDisconnects);
}

/// <summary>An open-loop arrival stream: arrivals sent, skipped because too many were outstanding, and sends that threw.</summary>
internal sealed record StreamView(string Name, double RatePerSecond, long Sent, long Skipped, long Faulted, string? FirstFault)
{
    public static StreamView From(string name, double rate, OpenLoopScheduler scheduler) =>
        new(name, rate, scheduler.Started, scheduler.Skipped, scheduler.Faulted, scheduler.FirstFault?.ToString());
}
