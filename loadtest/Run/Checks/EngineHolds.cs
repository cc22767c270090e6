namespace TangerangLive.LoadTest.Run.Checks;

/// <summary>
/// Who held which report when, by the engine's own timelines: an officer holds a report from "offered"
/// or "assigned" until "refused", "offer-expired", "resolved", "unassigned" or "preempted" (or to the
/// end, when still held).
/// </summary>
internal static class EngineHolds
{
    /// <summary>The <see cref="HoldEvent.Source"/> of an offer push (<see cref="RunLedger"/>).</summary>
    public const string OfferPush = "offer push";

    /// <summary>The <see cref="HoldEvent.Source"/> of a withdrawal push (<see cref="FieldWork.OnPush"/>).</summary>
    public const string WithdrawnPush = "withdrawn push";

    /// <summary>
    /// The <see cref="HoldEvent.Source"/> of the officer's own step that ended a hold (a refusal or a resolution), dated
    /// when the phone got the engine's answer (<see cref="FieldWork"/>): the engine answers only after the officer is
    /// released and its zone told, so the officer can be matched again from then, not from the timeline's entry.
    /// </summary>
    public const string AnsweredStep = "field step answered";

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

    /// <summary>
    /// Ends each hold that the officer's own step ended (<see cref="AnsweredStep"/>) when the phone got the answer, not
    /// at the timeline's entry: the entry is dated before the report's write, and the officer is released after that
    /// write, by its own write and its zone's update. On a cold silo those writes are slow (a resolution's request took
    /// 1.3-4.7 s at the 90th percentile in the first 40 s on a fresh silo, session 21), and an officer counted free from
    /// the entry alone may not yet be free in the engine. The answer's time is the load tester's clock (the engine's
    /// too when both run on one machine).
    /// </summary>
    public static Dictionary<string, List<EngineHold>> WithAnsweredSteps(this Dictionary<string, List<EngineHold>> holds, IEnumerable<HoldEvent> events)
    {
        foreach (var answer in events.Where(e => !e.Begins && e.Source == AnsweredStep))
        {
            if (!holds.TryGetValue(answer.OfficerId, out var list))
            {
                continue;
            }

            var i = list.FindLastIndex(h => h.ComplaintId == answer.ComplaintId && h.To != DateTimeOffset.MaxValue && h.To < answer.At);
            if (i >= 0)
            {
                list[i] = list[i] with { To = answer.At };
            }
        }

        return holds;
    }

    /// <summary>
    /// Begins each hold when the officer took the offer (the offer push's time, dated by the officer's grain as it
    /// accepts), not at the report's "offered" entry, which is written after the officer's own write returns. Two
    /// reports arriving together may want the same officer: the one that asks second is refused and offers the next
    /// nearest, and its entry can be dated before the first report's entry although the officer was already taken
    /// (found in session 21: a run's first reports on a fresh silo, the two entries 0.4 ms apart in that order).
    /// </summary>
    public static Dictionary<string, List<EngineHold>> WithOfferPushes(this Dictionary<string, List<EngineHold>> holds, IEnumerable<HoldEvent> events)
    {
        foreach (var push in events.Where(e => e.Begins && e.Source == OfferPush))
        {
            if (!holds.TryGetValue(push.OfficerId, out var list))
            {
                continue;
            }

            var i = list.FindIndex(h => h.ComplaintId == push.ComplaintId && h.From > push.At && h.From - push.At < OfferPushWindow);
            if (i >= 0)
            {
                list[i] = list[i] with { From = push.At };
            }
        }

        return holds;
    }

    /// <summary>How much earlier than the report's entry an offer push may be dated and still begin that hold.</summary>
    private static readonly TimeSpan OfferPushWindow = TimeSpan.FromMinutes(1);

    /// <summary>The officer's last hold that began before <paramref name="at"/>, if any (to explain a check's finding).</summary>
    public static EngineHold? LastBefore(Dictionary<string, List<EngineHold>> holds, string officerId, DateTimeOffset at) =>
        holds.TryGetValue(officerId, out var list) ? list.Where(h => h.From < at).MaxBy(h => h.From) : null;

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
