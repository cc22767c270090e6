using System.Globalization;

namespace TangerangLive.LoadTest.Run.Checks;

/// <summary>
/// On the sampled reports, the engine's first offer (from the report's timeline, at time T) went to
/// the nearest free officer of the agency by the simulator's knowledge of positions, within a
/// tolerance: a violation is an officer nearer by more than the tolerance whom the simulator had free
/// with a fresh position, whose phone stayed on the network, and who held no report (by the engine's
/// timelines, and offers withdrawn after the report's write by the pushes the phone received:
/// <see cref="EngineHolds.WithWithdrawnOffers"/>; a hold the officer's own step ended lasts until the phone got the answer:
/// <see cref="EngineHolds.WithAnsweredSteps"/>; a hold begins when the officer took the offer, by the offer push:
/// <see cref="EngineHolds.WithOfferPushes"/>) from <c>T - lag</c> to T, where lag is the measured heartbeat p99 plus a second (the
/// engine's zone index follows officers by one-way messages).
/// </summary>
internal static class NearestCheck
{
    public const string Name = "the officer offered is the nearest available one (sampled)";

    public static CheckResult Run(
        IEnumerable<ReportTrack> reports, IReadOnlyDictionary<string, ReportDetail> details, Dictionary<string, List<EngineHold>> holds,
        double toleranceMetres, TimeSpan lag)
    {
        var checkedCount = 0;
        var notOffered = 0;
        var violations = new List<string>();
        foreach (var track in reports.Where(r => r.Nearest is not null).OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            if (!details.TryGetValue(track.Id, out var detail)
                || detail.Timeline.FirstOrDefault(e => e.Kind is "offered" or "assigned") is not { Kind: "offered", OfficerId: { } chosen } first)
            {
                notOffered++;
                continue;
            }

            checkedCount++;
            var sample = track.Nearest!;
            var chosenMetres = sample.Candidates.FirstOrDefault(c => c.OfficerId == chosen)?.Metres ?? sample.Horizon;
            var better = sample.Candidates
                .Where(c => c.Available && !c.DroppedNearby && c.OfficerId != chosen && !EngineHolds.Busy(holds, c.OfficerId, first.At - lag, first.At))
                .MinBy(c => c.Metres);
            if (better is not null && better.Metres + toleranceMetres < chosenMetres)
            {
                var last = EngineHolds.LastBefore(holds, better.OfficerId, first.At);
                var lastHold = last is null ? "no hold before" : string.Create(CultureInfo.InvariantCulture, $"its last hold {last.ComplaintId} ended {last.To:HH:mm:ss.fff}");
                violations.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{track.Id} ({track.Agency}): offered to {chosen} at {Describe(chosenMetres, sample)} at {first.At:HH:mm:ss.fff}, but {better.OfficerId} was free at {better.Metres:F0} m ({lastHold})"));
            }
        }

        if (checkedCount == 0)
        {
            return CheckResult.Skipped(Name, $"no sampled report was offered ({notOffered} sampled reports were escalated, duplicates or not read)");
        }

        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{checkedCount} sampled reports checked against the simulator's positions (tolerance {toleranceMetres:F0} m for a heartbeat lag of {lag.TotalSeconds:F1} s); {notOffered} sampled reports not offered (duplicate or escalated)");
        return CheckResult.From(Name, summary, violations);
    }

    private static string Describe(double metres, NearestSample sample) =>
        double.IsInfinity(metres) ? "an unknown distance"
            : metres >= sample.Horizon && sample.Candidates.Count == NearestSampler.Candidates ? string.Create(CultureInfo.InvariantCulture, $"at least {metres:F0} m")
            : string.Create(CultureInfo.InvariantCulture, $"{metres:F0} m");
}
