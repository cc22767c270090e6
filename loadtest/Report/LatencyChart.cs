using System.Security;
using System.Text;
using TangerangLive.LoadTest.Core;
using static TangerangLive.LoadTest.Report.SvgText;

namespace TangerangLive.LoadTest.Report;

/// <summary>Latency over the run as SVG: per operation, p99 (solid) and p50 (dashed) of each one-second interval, in milliseconds.</summary>
internal static class LatencyChart
{
    private const double Width = 960;
    private const double Height = 440;
    private const double Left = 70;
    private const double Right = 220;
    private const double Top = 50;
    private const double Bottom = 50;
    private static readonly string[] Colours = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"];

    public static string Render(IReadOnlyList<StatsSample> samples, IReadOnlyList<string> operations, string title)
    {
        var series = operations.Select(name => (Name: name, Points: samples
                .Select(s => (Seconds: s.Elapsed.TotalSeconds, Op: s.Operations.FirstOrDefault(o => o.Name == name)))
                .Where(p => p.Op is { Successes: > 0 }).Select(p => (p.Seconds, p.Op!.P50Ms, p.Op.P99Ms)).ToList()))
            .Where(s => s.Points.Count > 0).ToList();
        var end = samples.Count == 0 ? 1 : Math.Max(1, samples[^1].Elapsed.TotalSeconds);
        var top = NiceCeiling(series.Count == 0 ? 1 : series.Max(s => s.Points.Max(p => p.P99Ms)));
        double X(double seconds) => Left + ((Width - Left - Right) * seconds / end);
        double Y(double ms) => Top + ((Height - Top - Bottom) * (1 - Math.Min(1, ms / top)));

        var svg = new StringBuilder();
        svg.AppendLine(Invariant($"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" viewBox="0 0 {Width} {Height}" font-family="sans-serif" font-size="11">"""))
            .AppendLine(Invariant($"""<rect width="{Width}" height="{Height}" fill="white"/>"""))
            .AppendLine(Text(Left, 24, SecurityElement.Escape(title), "start", "font-size=\"15\" font-weight=\"bold\""));
        for (var t = 0; t <= 5; t++)
        {
            var ms = top * t / 5;
            svg.AppendLine(Invariant($"""<line x1="{Left}" y1="{Y(ms):F1}" x2="{Width - Right}" y2="{Y(ms):F1}" stroke="#ddd"/>"""))
                .AppendLine(Text(Left - 6, Y(ms) + 4, Invariant($"{ms:0.##}"), "end"));
            var seconds = end * t / 5;
            svg.AppendLine(Text(X(seconds), Height - Bottom + 16, Invariant($"{seconds:0}"), "middle"));
        }

        svg.AppendLine(Text(16, (Top + Height - Bottom) / 2, "ms", "middle"))
            .AppendLine(Text((Left + Width - Right) / 2, Height - 12, "seconds into the run", "middle"));
        for (var i = 0; i < series.Count; i++)
        {
            var (name, points) = series[i];
            var colour = Colours[i % Colours.Length];
            svg.AppendLine(Line(points.Select(p => (X(p.Seconds), Y(p.P99Ms))), colour, dashed: false))
                .AppendLine(Line(points.Select(p => (X(p.Seconds), Y(p.P50Ms))), colour, dashed: true));
            var legendY = Top + (i * 34);
            svg.AppendLine(Invariant($"""<line x1="{Width - Right + 15}" y1="{legendY}" x2="{Width - Right + 40}" y2="{legendY}" stroke="{colour}" stroke-width="2"/>"""))
                .AppendLine(Text(Width - Right + 46, legendY + 4, SecurityElement.Escape(name) + " p99", "start"))
                .AppendLine(Invariant($"""<line x1="{Width - Right + 15}" y1="{legendY + 15}" x2="{Width - Right + 40}" y2="{legendY + 15}" stroke="{colour}" stroke-width="1.5" stroke-dasharray="4 3"/>"""))
                .AppendLine(Text(Width - Right + 46, legendY + 19, "p50", "start"));
        }

        return svg.AppendLine("</svg>").ToString();
    }

    private static string Line(IEnumerable<(double X, double Y)> points, string colour, bool dashed) =>
        Invariant($"""<polyline fill="none" stroke="{colour}" stroke-width="{(dashed ? 1.5 : 2)}" {(dashed ? "stroke-dasharray=\"4 3\"" : string.Empty)} points="{string.Join(' ', points.Select(p => Invariant($"{p.X:F1},{p.Y:F1}")))}"/>""");
}
