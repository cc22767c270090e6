using TangerangLive.LoadTest.Run;

namespace TangerangLive.LoadTest.Failover;

/// <summary>
/// What a silo's death must not cause: a 500 or a 503 without Retry-After, a submission that never got in
/// despite retrying with its Idempotency-Key, a report that was not offered, escalated or linked as a
/// duplicate within its acknowledgement deadline + 30 s of the kill (or of its arrival, if later).
/// The run's own checks (nothing lost or stuck, no officer holding two, query model) run as well.
/// </summary>
internal static class FailoverChecks
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);
    private static readonly HashSet<string> Settling = new(StringComparer.Ordinal) { "offered", "assigned", "escalated", "duplicate", "cancelled", "resolved" };

    public static IReadOnlyList<CheckResult> Run(Scenario scenario, IReadOnlyDictionary<string, ReportDetail> details, DateTimeOffset? killedAt, FailoverOptions options)
    {
        var client = scenario.Client;
        var answers = CheckResult.From(
            "the survivor answered 503 with Retry-After, never 500",
            $"{client.Unavailable} answers 503, {client.UnavailableWithoutRetryAfter} of them without Retry-After; {client.ServerErrors} other 5xx",
            [.. client.ServerErrors > 0 ? [$"{client.ServerErrors} answers 500-599 other than 503 (see the run's errors by operation)"] : Array.Empty<string>(),
             .. client.UnavailableWithoutRetryAfter > 0 ? [$"{client.UnavailableWithoutRetryAfter} answers 503 without Retry-After"] : Array.Empty<string>()]);
        var counters = scenario.Ledger.Counters;
        var submissions = CheckResult.From(
            "every submission got in, retried with its Idempotency-Key",
            $"{counters.Submitted} sent, {counters.Accepted} accepted, {counters.Abandoned} given up",
            counters.Abandoned > 0 ? [$"{counters.Abandoned} submissions were never accepted"] : []);
        if (killedAt is not { } kill)
        {
            return [answers, submissions, CheckResult.Skipped(SettleName, $"the silo was not killed (pid {options.VictimPid})")];
        }

        var deadlines = scenario.Categories.ToDictionary(c => c.Code, c => TimeSpan.FromSeconds(c.AckDeadlineSeconds), StringComparer.Ordinal);
        var late = new List<string>();
        var worst = TimeSpan.Zero;
        foreach (var track in scenario.Ledger.Reports.Where(r => r.Accepted).OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            if (!details.TryGetValue(track.Id, out var detail))
            {
                continue; // the run's report-state check names it
            }

            var received = detail.Timeline.FirstOrDefault(t => t.Kind == "received")?.At ?? kill;
            var due = (received > kill ? received : kill) + deadlines.GetValueOrDefault(track.Category, TimeSpan.FromMinutes(5)) + Grace;
            var settled = detail.Timeline.FirstOrDefault(t => Settling.Contains(t.Kind))?.At;
            if (settled is null || settled > due)
            {
                late.Add($"{track.Id} ({track.Category}): {(settled is null ? $"never offered or escalated ({detail.Status})" : $"first settled {settled:HH:mm:ss.fff}")}, due {due:HH:mm:ss.fff}");
            }
            else if (received < kill && settled > kill && settled.Value - kill > worst)
            {
                worst = settled.Value - kill;
            }
        }

        var settle = CheckResult.From(SettleName, $"killed at {kill:HH:mm:ss.fff}; reports caught by the kill settled within {worst.TotalSeconds:F1} s of it", late);
        return [answers, submissions, settle];
    }

    private const string SettleName = "every report offered, escalated or a duplicate within its acknowledgement deadline + 30 s of the kill";
}
