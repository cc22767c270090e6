using TangerangLive.LoadTest.Core;

namespace TangerangLive.LoadTest.Run;

/// <summary>
/// Operators overriding automatic assignments: at R x override-fraction per second (open loop) an
/// operator takes a report just offered and not yet acknowledged, asks for its recommendations and
/// assigns it, with a reason, to a recommended officer other than the one it was offered to.
/// </summary>
internal sealed class Operators(SiloClient client, RunLedger ledger, RunOptions options, Func<string, SimOfficer?> officerById, string adminToken)
{
    public const string Recommendations = "override: recommendations";
    public const string Assign = "override: assign";

    public OpenLoopScheduler? Scheduler { get; } = options.OverrideFraction > 0
        ? new OpenLoopScheduler(options.ReportsPerSecond * options.OverrideFraction, ArrivalPattern.Poisson, options.Seed + 4)
        : null;

    public Task RunAsync(TimeSpan duration, CancellationToken cancellation) =>
        Scheduler?.RunAsync(_ => OverrideAsync(cancellation), duration, SiloClient.RequestTimeout, cancellation) ?? Task.CompletedTask;

    private async Task OverrideAsync(CancellationToken cancellation)
    {
        if (ledger.RecentlyOffered() is not { } track || track.OfferedTo is not { } current)
        {
            return;
        }

        var started = MonotonicClock.Now;
        var recommended = await client.SendAsync<List<RecommendationAnswer>>(Recommendations, HttpMethod.Get,
            $"/api/ops/reports/{track.Id}/recommendations?k=5", adminToken, null, started, cancellation);
        var choice = recommended.Value?.FirstOrDefault(r => r.OfficerId != current && officerById(r.OfficerId) is { Phase: OfficerPhase.Available });
        if (choice is null)
        {
            return;
        }

        lock (track)
        {
            track.Overridden = true;
        }

        var assigned = await client.SendAsync<ReportDetail>(Assign, HttpMethod.Post, $"/api/ops/reports/{track.Id}/assign", adminToken,
            new { officerId = choice.OfficerId, preempt = false, reason = $"load test: operator prefers {choice.OfficerId} at {choice.DistanceMetres:F0} m" },
            MonotonicClock.Now, cancellation);
        if (assigned.Ok)
        {
            RunCounters.Add(ref ledger.Counters.Overrides);
        }
    }
}
