using TangerangLive.LoadTest.Core;

namespace TangerangLive.LoadTest.Run.Checks;

/// <summary>
/// No officer ever held two reports, checked three ways: (1) the engine's timelines of every report of
/// the run, as hold intervals per officer (offered/assigned until refused, expired, resolved,
/// unassigned or preempted), must not overlap; (2) every offer a hub received while the simulator
/// believed the officer busy must be explained by a release in the engine's timeline before it; (3) at
/// the end, each officer named by a held report holds that report in its own state
/// (<c>GET /api/officers/{id}</c>) and no officer is named by two.
/// </summary>
internal sealed class HoldsCheck(SiloClient client, string adminToken)
{
    public const string Name = "no officer ever held two reports";
    private static readonly HashSet<string> Held = new(StringComparer.Ordinal) { "Offered", "Acknowledged", "EnRoute", "OnScene" };

    public async Task<CheckResult> RunAsync(IReadOnlyDictionary<string, ReportDetail> details, IEnumerable<HoldEvent> pushes, CancellationToken cancellation)
    {
        var intervals = EngineHolds.Build(details.Values);
        var violations = new List<string>();
        foreach (var (officer, holds) in intervals.OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            var sorted = holds.OrderBy(h => h.From).ToList();
            for (var i = 1; i < sorted.Count; i++)
            {
                var earlier = sorted.Take(i).FirstOrDefault(h => h.To > sorted[i].From);
                if (earlier is not null)
                {
                    violations.Add($"{officer}: offered {sorted[i].ComplaintId} at {sorted[i].From:HH:mm:ss.fff} while holding {earlier.ComplaintId} (engine timelines)");
                }
            }
        }

        var (suspects, unexplained) = PushSuspects(pushes, intervals);
        violations.AddRange(unexplained);
        violations.AddRange(await EndStateAsync(details, cancellation));
        var summary = $"{intervals.Sum(i => i.Value.Count)} holds of {intervals.Count} officers from the timelines; " +
                      $"{suspects} offers pushed while the simulator thought the officer busy, {suspects - unexplained.Count} explained by an earlier release in the engine's timeline";
        return CheckResult.From(Name, summary, violations);
    }

    private static (int Suspects, List<string> Unexplained) PushSuspects(IEnumerable<HoldEvent> pushes, Dictionary<string, List<EngineHold>> intervals)
    {
        var suspects = 0;
        var unexplained = new List<string>();
        foreach (var officer in pushes.GroupBy(p => p.OfficerId, StringComparer.Ordinal))
        {
            string? holding = null;
            foreach (var e in officer.OrderBy(e => e.At).ThenBy(e => e.Begins))
            {
                if (!e.Begins)
                {
                    holding = holding == e.ComplaintId ? null : holding;
                    continue;
                }

                if (holding is not null && holding != e.ComplaintId)
                {
                    suspects++;
                    var engine = intervals.GetValueOrDefault(officer.Key)?.FirstOrDefault(h => h.ComplaintId == holding && h.From <= e.At);
                    if (engine is not null && engine.To > e.At)
                    {
                        unexplained.Add($"{officer.Key}: hub received the offer of {e.ComplaintId} at {e.At:HH:mm:ss.fff} while holding {holding} (held until {engine.To:HH:mm:ss.fff} by the engine's timeline)");
                    }
                }

                holding = e.ComplaintId;
            }
        }

        return (suspects, unexplained);
    }

    private async Task<List<string>> EndStateAsync(IReadOnlyDictionary<string, ReportDetail> details, CancellationToken cancellation)
    {
        var violations = new List<string>();
        var holders = details.Values.Where(d => Held.Contains(d.Status) && d.OfficerId is not null).GroupBy(d => d.OfficerId!, StringComparer.Ordinal).ToList();
        violations.AddRange(holders.Where(g => g.Count() > 1).Select(g => $"{g.Key}: named by {string.Join(", ", g.Select(d => d.Id))} at the end"));
        var mismatches = new List<string>();
        await Enrolment.ForEachAsync(holders.Where(g => g.Count() == 1).Select(g => g.Single()).ToList(), async report =>
        {
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var officer = await client.SendAsync<OfficerAnswer>("check: officer state", HttpMethod.Get, $"/api/officers/{report.OfficerId}", adminToken, null, MonotonicClock.Now, cancellation);
                var detail = await client.SendAsync<ReportDetail>(ReportStatesCheck.Read, HttpMethod.Get, $"/api/ops/reports/{report.Id}", adminToken, null, MonotonicClock.Now, cancellation);
                // A report that moved on between the two reads (its offer expired and went to another officer) is no mismatch.
                if (!Held.Contains(detail.Value?.Status ?? string.Empty) || detail.Value?.OfficerId != report.OfficerId
                    || officer.Value?.Assignment?.ComplaintId == report.Id)
                {
                    return;
                }

                if (attempt == 1)
                {
                    lock (mismatches)
                    {
                        mismatches.Add($"{report.OfficerId}: {report.Id} is {detail.Value?.Status} with this officer, whose own state holds {officer.Value?.Assignment?.ComplaintId ?? "nothing"}");
                    }
                }

                if (!await Pause.ForAsync(TimeSpan.FromSeconds(2), cancellation))
                {
                    return;
                }
            }
        }, CancellationToken.None, parallel: 16);
        violations.AddRange(mismatches.Order(StringComparer.Ordinal));
        return violations;
    }
}
