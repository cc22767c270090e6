using System.Collections.Concurrent;
using System.Net;
using TangerangLive.LoadTest.Core;

namespace TangerangLive.LoadTest.Run.Checks;

/// <summary>
/// Every accepted report (and every report an officer was offered) read back from its grain as an
/// admin: it must be offered, in the officer's hands (acknowledged, en route, on scene), resolved,
/// escalated or a duplicate. Received or dispatching after a bounded wait is stuck; 404 is lost.
/// </summary>
internal sealed class ReportStatesCheck(SiloClient client, string adminToken)
{
    public const string Name = "every accepted report offered, acknowledged, resolved, escalated or duplicate";
    public const string Read = "check: report detail";
    private static readonly HashSet<string> Settled = new(StringComparer.Ordinal)
    {
        "Offered", "Acknowledged", "EnRoute", "OnScene", "Resolved", "Escalated", "Duplicate",
    };

    private static readonly HashSet<string> InFlight = new(StringComparer.Ordinal) { "Received", "Dispatching" };
    private static readonly TimeSpan SettleWait = TimeSpan.FromSeconds(15);

    public async Task<(CheckResult Result, IReadOnlyDictionary<string, ReportDetail> Details)> RunAsync(IReadOnlyList<ReportTrack> reports, CancellationToken cancellation)
    {
        var details = new ConcurrentDictionary<string, ReportDetail>(StringComparer.Ordinal);
        var lost = new ConcurrentBag<string>();
        var deadline = MonotonicClock.Add(MonotonicClock.Now, SettleWait);
        await Enrolment.ForEachAsync(reports, async track =>
        {
            while (true)
            {
                var read = await client.SendAsync<ReportDetail>(Read, HttpMethod.Get, $"/api/ops/reports/{track.Id}", adminToken, null, MonotonicClock.Now, cancellation);
                if (read.Status == HttpStatusCode.NotFound)
                {
                    lost.Add(track.Id);
                    return;
                }

                if (read is { Ok: true, Value: { } detail })
                {
                    details[track.Id] = detail;
                    if (!InFlight.Contains(detail.Status) || MonotonicClock.Now >= deadline)
                    {
                        return;
                    }
                }
                else if (MonotonicClock.Now >= deadline)
                {
                    return;
                }

                if (!await Pause.ForAsync(TimeSpan.FromSeconds(1), cancellation))
                {
                    return;
                }
            }
        }, CancellationToken.None, parallel: 16);

        var violations = new List<string>();
        violations.AddRange(lost.Order(StringComparer.Ordinal).Select(id => $"{id}: lost (404 from GET /api/ops/reports/{id})"));
        violations.AddRange(reports.Where(r => !details.ContainsKey(r.Id) && !lost.Contains(r.Id)).Select(r => $"{r.Id}: could not be read"));
        violations.AddRange(details.Values.Where(d => !Settled.Contains(d.Status)).OrderBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => $"{d.Id}: {d.Status} {SettleWait.TotalSeconds:F0} s after the run"));
        var byStatus = details.Values.GroupBy(d => d.Status).OrderByDescending(g => g.Count())
            .Select(g => $"{g.Key} {g.Count()}");
        var summary = $"{reports.Count} reports read back: {string.Join(", ", byStatus)}";
        return (CheckResult.From(Name, summary, violations), details);
    }
}
