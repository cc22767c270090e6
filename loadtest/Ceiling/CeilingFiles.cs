using System.Text.Json;
using System.Text.Json.Serialization;

namespace TangerangLive.LoadTest.Ceiling;

/// <summary>Writes ceiling.md, ceiling.json and ceiling.svg into the output folder.</summary>
internal static class CeilingFiles
{
    public const string Markdown = "ceiling.md";
    public const string Json = "ceiling.json";
    public const string Chart = "ceiling.svg";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static IReadOnlyList<string> Write(string folder, CeilingReport report)
    {
        Directory.CreateDirectory(folder);
        var paths = new[] { Path.Combine(folder, Markdown), Path.Combine(folder, Json), Path.Combine(folder, Chart) };
        File.WriteAllText(paths[0], CeilingMarkdown.Render(report, Chart));
        File.WriteAllText(paths[1], JsonSerializer.Serialize(report, JsonOptions));
        IReadOnlyList<(string, IReadOnlyList<StepResult>)> groups =
            [.. report.Ramps.Select(r => ($"{r.Target} {r.Path}", r.Steps)), .. report.Hold is { } hold ? [("engine hold", (IReadOnlyList<StepResult>)[hold.Step])] : Array.Empty<(string, IReadOnlyList<StepResult>)>()];
        File.WriteAllText(paths[2], CeilingChart.Render(groups, report.Settings.P99LimitMs, "Load ceiling: answered per second and p99 per step"));
        return paths;
    }
}
