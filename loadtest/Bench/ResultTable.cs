using System.Globalization;
using Spectre.Console;

namespace TangerangLive.LoadTest.Bench;

/// <summary>The figures on the console, as Spectre tables.</summary>
internal static class ResultTable
{
    public static void Print(IReadOnlyList<ScaleResult> results, LatencyResult? ranking)
    {
        var latency = new Table().Title("Matching latency (µs)")
            .AddColumns("Officers", "k", "Radius", "p50", "p90", "p99", "max", "zones visited");
        foreach (var scale in results)
        {
            foreach (var l in scale.Latency)
            {
                latency.AddRow(N0(scale.Officers), N0(l.Config.K), l.Config.RadiusLabel, N1(l.P50Us), N1(l.P90Us), N1(l.P99Us), N1(l.MaxUs), N1(l.MeanZonesVisited));
            }
        }

        var other = new Table().Title("Position updates and memory")
            .AddColumns("Officers", "updates/s", "zone crossings", "heap bytes/officer", "identical");
        foreach (var scale in results)
        {
            other.AddRow(
                N0(scale.Officers),
                N0(scale.Updates.PerSecond),
                (scale.Updates.CrossingShare * 100).ToString("F2", CultureInfo.InvariantCulture) + "%",
                N0(scale.HeapBytesPerOfficer),
                $"{scale.Correctness.Identical}/{scale.Correctness.Samples}");
        }

        if (ranking is { } r)
        {
            latency.AddRow("any", "-", "ZonesByDistance only", N1(r.P50Us), N1(r.P90Us), N1(r.P99Us), N1(r.MaxUs), N1(r.MeanZonesVisited));
        }

        AnsiConsole.Write(latency);
        AnsiConsole.Write(other);
    }

    private static string N0(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string N1(double value) => value.ToString("N1", CultureInfo.InvariantCulture);
}
