using TangerangLive.LoadTest.Core;

namespace TangerangLive.LoadTest.Ceiling;

/// <summary>Everything a <c>loadtest ceiling</c> measured, as written to ceiling.json and ceiling.md.</summary>
internal sealed record CeilingReport(
    string Command,
    DateTimeOffset StartedAt,
    CeilingMachine Machine,
    CeilingSettings Settings,
    IReadOnlyList<RampResult> Ramps,
    IReadOnlyList<CeilingComparison> Ceilings,
    HoldResult? Hold,
    IReadOnlyList<OperationSummary> Setup,
    IReadOnlyList<string> Notes);

/// <summary>Where it ran: cores, memory, OS and runtime (<see cref="Bench.MachineInfo"/>), and the load average before and after.</summary>
internal sealed record CeilingMachine(int Cores, double MemoryGiB, string Description, string? LoadAverageBefore, string? LoadAverageAfter);

/// <summary>The options as run.</summary>
internal sealed record CeilingSettings(
    IReadOnlyList<string> Urls,
    string? NoopUrl,
    IReadOnlyList<string> Paths,
    int Officers,
    int Citizens,
    double StartRate,
    double ReportsStartRate,
    string Growth,
    double StepSeconds,
    double WarmUpSeconds,
    double DrainSeconds,
    double P99LimitMs,
    double MaxErrorRate,
    double MaxSeconds,
    double? HoldRate,
    double? HoldSeconds,
    int Connections,
    int MaxInFlight,
    int Seed)
{
    public static CeilingSettings From(CeilingOptions o, Uri? noop, int citizens) => new(
        o.NoopOnly ? [] : [.. o.Urls.Select(u => u.ToString())], noop?.ToString(), [.. o.AllPaths.Select(p => p.Option())], o.Officers, citizens,
        o.StartRate, o.ReportsStartRate, o.Increment > 0 ? $"+{o.Increment:0.##}/s per step" : $"x{o.Growth:0.##} per step",
        o.StepDuration.TotalSeconds, o.WarmUp.TotalSeconds, o.Drain.TotalSeconds, o.P99Ms, o.MaxErrorRate, o.MaxDuration.TotalSeconds,
        o.HoldRate, o.Hold ? o.HoldDuration.TotalSeconds : null, o.Connections, o.MaxInFlight, o.Seed);
}

/// <summary>
/// One path's highest sustainable rate (answered per second in the highest step that passed) on the
/// no-op endpoint and on the engine, and the engine's as a percentage of the no-op's; null where not measured.
/// </summary>
internal sealed record CeilingComparison(string Path, double? NoopPerSecond, double? EnginePerSecond, double? EnginePercentOfNoop, string? NoopStoppedBy, string? EngineStoppedBy)
{
    public static CeilingComparison For(string path, IReadOnlyList<RampResult> ramps)
    {
        var noop = ramps.FirstOrDefault(r => r.Path == path && r.Target == CeilingTargets.Noop);
        var engine = ramps.FirstOrDefault(r => r.Path == path && r.Target == CeilingTargets.Engine);
        var noopRate = noop is null ? (double?)null : noop.Highest?.AchievedPerSecond ?? 0;
        var engineRate = engine is null ? (double?)null : engine.Highest?.AchievedPerSecond ?? 0;
        return new CeilingComparison(path, noopRate, engineRate, Percent(engineRate, noopRate), noop?.StoppedBy, engine?.StoppedBy);
    }

    public static double? Percent(double? part, double? whole) => part is { } p && whole is > 0 ? 100 * p / whole.Value : null;
}

/// <summary>The sustained run: its step, whether it held (no error, p99 under the limit, the client kept up), and its rate as a share of the no-op ceiling.</summary>
internal sealed record HoldResult(StepResult Step, bool Held, double? PercentOfNoop);

/// <summary>The two things a ramp can be aimed at.</summary>
internal static class CeilingTargets
{
    public const string Noop = "no-op";
    public const string Engine = "engine";
}
