using System.Globalization;
using System.Text;

namespace TangerangLive.LoadTest.Bench;

/// <summary>The "Matching" section of docs/benchmarks.md, rendered from the measured figures.</summary>
internal static class MarkdownReport
{
    public const string Heading = "## Matching (in-process, zone index only)";

    public static string Render(BenchReport report, DateTimeOffset date, string chartFile, int zones, int agencies)
    {
        var results = report.Results;
        var queries = results.Count > 0 && results[0].Latency.Count > 0 ? results[0].Latency[0].Queries : 0;
        var text = new StringBuilder();
        text.AppendLine(Heading).AppendLine()
            .AppendLine($"`NearestOfficerSearch.FindAsync` over one `OfficerRoster` per zone of the built-in Tangerang map ({zones} zones), called in process: no grains, no network.")
            .AppendLine($"Officers are placed uniformly at random inside the city across {agencies} agencies, {Percent(OfficerPopulation.AvailableShare, 0)} available; each query is a random point in the city asking for one random agency.")
            .AppendLine()
            .AppendLine($"- Command: `{report.Command}`")
            .AppendLine($"- Date: {date.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}")
            .AppendLine($"- Machine: {report.Machine}")
            .AppendLine($"- Load average (1 min): {report.LoadAverage ?? "not available"}; other work on the machine shows up in p99 and max")
            .AppendLine($"- Queries: {F0(queries)} per configuration, timed one at a time after a warm-up of at least {F0(BenchOptions.WarmUpQueries)} queries and {F1(BenchOptions.WarmUpTime.TotalSeconds)} s (HdrHistogram, 3 significant digits)")
            .AppendLine()
            .AppendLine("### Latency per query (µs)").AppendLine()
            .AppendLine("| Officers | k | Radius | p50 | p90 | p99 | max | Mean zones visited |")
            .AppendLine("|---:|---:|---|---:|---:|---:|---:|---:|");
        foreach (var scale in results)
        {
            foreach (var l in scale.Latency)
            {
                text.AppendLine($"| {F0(scale.Officers)} | {l.Config.K} | {l.Config.RadiusLabel} | {F1(l.P50Us)} | {F1(l.P90Us)} | {F1(l.P99Us)} | {F1(l.MaxUs)} | {F1(l.MeanZonesVisited)} |");
            }
        }

        if (report.ZoneRanking is { } r)
        {
            text.AppendLine().AppendLine($"Zone ranking alone (`ZoneMap.ZonesByDistance`: distance to all {zones} zone polygons, then sort; no rosters): p50 {F1(r.P50Us)}, p90 {F1(r.P90Us)}, p99 {F1(r.P99Us)}, max {F1(r.MaxUs)} µs. The search itself no longer pays this: it walks the zones lazily (`ZoneMap.ZonesInDistanceOrder`, bounding-box lower bounds first, polygon distances only for zones it reaches).");
        }

        text.AppendLine().AppendLine($"![Matching latency p50 and p99 per officer count]({chartFile})").AppendLine()
            .AppendLine("### Position updates, memory, correctness").AppendLine()
            .AppendLine("| Officers | Updates/s (1 thread) | Zone crossings | Heap bytes per officer | Identical to brute force |")
            .AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var scale in results)
        {
            var u = scale.Updates;
            text.AppendLine($"| {F0(scale.Officers)} | {F0(u.PerSecond)} | {Percent(u.CrossingShare, 2)} | {F0(scale.HeapBytesPerOfficer)} | {scale.Correctness.Identical}/{scale.Correctness.Samples} |");
        }

        return text.AppendLine()
            .AppendLine("How to read it:")
            .AppendLine("- Latency includes walking the zones in distance order from the query point (`ZoneMap.ZonesInDistanceOrder`: bounding-box lower bounds in a priority queue, a polygon distance computed only when its zone reaches the front) and asking zone rosters until the k-th best is nearer than the next zone.")
            .AppendLine($"- Updates: random officers move by up to ±{F0(UpdateBenchmark.MaxStepMetres)} m per axis for {F0(BenchOptions.UpdateDuration.TotalSeconds)} s; each update locates the zone (`ZoneMap.FindZone`), then upserts, or removes from the old roster and upserts into the new one when the zone changes. Steps leaving the city are redrawn.")
            .AppendLine("- Heap bytes per officer: `GC.GetTotalMemory(true)` after filling the rosters minus before (empty rosters already built), divided by N.")
            .AppendLine($"- Correctness: {BenchOptions.CorrectnessSamples} random queries per N (k in 1, 3, 5, 10; radius 1 km, 5 km or unlimited), after the update loop, compared with a scan of every officer ordered by (distance, id).")
            .ToString();
    }

    private static string Percent(double share, int decimals) =>
        (share * 100).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "%";

    private static string F0(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F1(double value) => value.ToString("N1", CultureInfo.InvariantCulture);
}
