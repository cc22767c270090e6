using System.Text.Json;
using System.Text.Json.Serialization;
using TangerangLive.LoadTest.Run;

namespace TangerangLive.LoadTest.Report;

/// <summary>Writes report.md, report.json and latency.svg into the output folder.</summary>
internal static class RunReportFiles
{
    public const string Markdown = "report.md";
    public const string Json = "report.json";
    public const string Chart = "latency.svg";

    /// <summary>The operations drawn in the latency chart, when present.</summary>
    public static readonly string[] Charted = [Heartbeats.Sigap, Heartbeats.OsmAnd, Citizens.Submit, RunLedger.SubmitToOffer, RunLedger.SubmitToAck];

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static IReadOnlyList<string> Write(string folder, RunReport report)
    {
        Directory.CreateDirectory(folder);
        var paths = new[] { Path.Combine(folder, Markdown), Path.Combine(folder, Json), Path.Combine(folder, Chart) };
        File.WriteAllText(paths[0], RunMarkdown.Render(report, Chart));
        File.WriteAllText(paths[1], JsonSerializer.Serialize(report, JsonOptions));
        File.WriteAllText(paths[2], LatencyChart.Render(report.Series, Charted, "Latency over the run (1-second intervals)"));
        return paths;
    }
}
