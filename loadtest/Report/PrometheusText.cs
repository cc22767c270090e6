using System.Globalization;

namespace TangerangLive.LoadTest.Report;

/// <summary>Reads the Prometheus text exposition format: sums of samples by metric name and optional label value.</summary>
internal static class PrometheusText
{
    /// <summary>Every sample line as (name, labels text, value); comments and malformed lines skipped.</summary>
    public static IEnumerable<(string Name, string Labels, double Value)> Samples(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var close = brace < 0 ? -1 : line.LastIndexOf('}');
            var name = brace < 0 ? line[..Math.Max(0, line.IndexOf(' ', StringComparison.Ordinal))] : line[..brace];
            var labels = brace < 0 ? string.Empty : line[(brace + 1)..close];
            var rest = (close < 0 ? line[name.Length..] : line[(close + 1)..]).Trim().Split(' ');
            if (name.Length > 0 && double.TryParse(rest[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                yield return (name, labels, value);
            }
        }
    }

    /// <summary>The sum of the metric's samples (with <paramref name="label"/> when given, e.g. <c>gc_heap_generation="gen2"</c>); null when absent.</summary>
    public static double? Sum(IReadOnlyList<(string Name, string Labels, double Value)> samples, string name, string? label = null)
    {
        var matching = samples.Where(s => s.Name == name && (label is null || s.Labels.Contains(label, StringComparison.Ordinal))).ToList();
        return matching.Count == 0 ? null : matching.Sum(s => s.Value);
    }
}
