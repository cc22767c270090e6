namespace TangerangLive.LoadTest.Run.Checks;

/// <summary>
/// Who held which report when, by the engine's own timelines: an officer holds a report from "offered"
/// or "assigned" until "refused", "offer-expired", "resolved", "unassigned" or "preempted" (or to the
/// end, when still held).
/// </summary>
internal static class EngineHolds
{
    /// <summary>The <see cref="HoldEvent.Source"/> of a withdrawal push (<see cref="FieldWork.OnPush"/>).</summary>
    public const string WithdrawnPush = "withdrawn push";

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

    /// <summary>
    /// Adds the holds that no timeline shows: an officer offered a report ahead of the report's write and let go after
    /// it (the report a duplicate, paused, or someone nearer after a slow write) was taken for matching meanwhile, but
    /// the report never names it. The officer's phone saw both ends (the offer push and the withdrawal push, dated by
    /// the engine's clock), so each such pair becomes a hold; pairs already covered by a timeline add nothing new.
    /// </summary>
    public static Dictionary<string, List<EngineHold>> WithWithdrawnOffers(this Dictionary<string, List<EngineHold>> holds, IEnumerable<HoldEvent> pushes)
    {
        var offered = new Dictionary<(string Officer, string Complaint), DateTimeOffset>();
        foreach (var push in pushes.OrderBy(p => p.At))
        {
            var key = (push.OfficerId, push.ComplaintId);
            if (push.Begins)
            {
                offered.TryAdd(key, push.At);
            }
            else if (offered.Remove(key, out var from) && push.Source == WithdrawnPush && push.At >= from)
            {
                Add(holds, push.OfficerId, new EngineHold(push.ComplaintId, from, push.At));
            }
        }

        return holds;
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
