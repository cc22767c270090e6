namespace TangerangLive.LoadTest.Run.Checks;

/// <summary>
/// Who held which report when, by the engine's own timelines: an officer holds a report from "offered"
/// or "assigned" until "refused", "offer-expired", "resolved", "unassigned" or "preempted" (or to the
/// end, when still held).
/// </summary>
internal static class EngineHolds
{
    private static readonly HashSet<string> Begins = new(StringComparer.Ordinal) { "offered", "assigned" };
    private static readonly HashSet<string> Ends = new(StringComparer.Ordinal) { "refused", "offer-expired", "resolved", "unassigned", "preempted" };

    /// <summary>The holds of every officer named in the reports' timelines.</summary>
    public static Dictionary<string, List<EngineHold>> Build(IEnumerable<ReportDetail> reports)
    {
        var byOfficer = new Dictionary<string, List<EngineHold>>(StringComparer.Ordinal);
        foreach (var report in reports)
        {
            var open = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            foreach (var entry in report.Timeline)
            {
                if (entry.OfficerId is not { } officer)
                {
                    continue;
                }

                if (Begins.Contains(entry.Kind))
                {
                    open.TryAdd(officer, entry.At);
                }
                else if (Ends.Contains(entry.Kind) && open.Remove(officer, out var from))
                {
                    Add(byOfficer, officer, new EngineHold(report.Id, from, entry.At));
                }
            }

            foreach (var (officer, from) in open)
            {
                Add(byOfficer, officer, new EngineHold(report.Id, from, DateTimeOffset.MaxValue));
            }
        }

        return byOfficer;
    }

    /// <summary>True when the officer held some report at any time between <paramref name="from"/> and <paramref name="to"/>.</summary>
    public static bool Busy(Dictionary<string, List<EngineHold>> holds, string officerId, DateTimeOffset from, DateTimeOffset to) =>
        holds.TryGetValue(officerId, out var list) && list.Any(h => h.From <= to && h.To > from);

    private static void Add(Dictionary<string, List<EngineHold>> byOfficer, string officer, EngineHold hold)
    {
        if (!byOfficer.TryGetValue(officer, out var list))
        {
            byOfficer[officer] = list = [];
        }

        list.Add(hold);
    }
}

/// <summary>One report held by one officer, from and to (the engine's clock; MaxValue while still held).</summary>
internal sealed record EngineHold(string ComplaintId, DateTimeOffset From, DateTimeOffset To);
