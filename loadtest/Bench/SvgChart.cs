using System.Globalization;
using System.Security;
using System.Text;
using static TangerangLive.LoadTest.Report.SvgText;

namespace TangerangLive.LoadTest.Bench;

/// <summary>A grouped bar chart of p50 and p99 latency per configuration and officer count, as SVG.</summary>
internal static class SvgChart
{
    private const double Width = 960;
    private const double Height = 440;
    private const double Left = 70;
    private const double Right = 20;
    private const double Top = 60;
    private const double Bottom = 90;
    private const string P50Colour = "#f28c28";
    private const string P99Colour = "#8c3b00";

    public static string Render(IReadOnlyList<ScaleResult> results, string title)
    {
        var groups = results.SelectMany(r => r.Latency.Select(l => (r.Officers, Latency: l))).ToArray();
        var perScale = results.Count == 0 ? 0 : results.Max(r => r.Latency.Count);
        var slots = groups.Length + Math.Max(0, results.Count - 1);
        var slot = (Width - Left - Right) / Math.Max(1, slots);
        var top = NiceCeiling(groups.Length == 0 ? 1 : groups.Max(g => g.Latency.P99Us));
        double Y(double us) => Top + ((Height - Top - Bottom) * (1 - (us / top)));

        var svg = new StringBuilder();
        svg.AppendLine(Invariant($"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" viewBox="0 0 {Width} {Height}" font-family="sans-serif" font-size="11">"""))
            .AppendLine(Invariant($"""<rect width="{Width}" height="{Height}" fill="white"/>"""))
            .AppendLine(Text(Left, 24, SecurityElement.Escape(title), "start", "font-size=\"15\" font-weight=\"bold\""));
        Legend(svg);
        for (var t = 0; t <= 5; t++)
        {
            var value = top * t / 5;
            svg.AppendLine(Invariant($"""<line x1="{Left}" y1="{Y(value):F1}" x2="{Width - Right}" y2="{Y(value):F1}" stroke="#ddd"/>"""))
                .AppendLine(Text(Left - 6, Y(value) + 4, Invariant($"{value:0.#}"), "end"));
        }

        svg.AppendLine(Text(16, (Top + Height - Bottom) / 2, "µs", "middle"));
        for (var i = 0; i < groups.Length; i++)
        {
            var (officers, latency) = groups[i];
            var scaleIndex = perScale == 0 ? 0 : i / perScale;
            var x = Left + ((i + scaleIndex) * slot);
            Bar(svg, x + (slot * 0.12), slot * 0.36, latency.P50Us, P50Colour, Y);
            Bar(svg, x + (slot * 0.52), slot * 0.36, latency.P99Us, P99Colour, Y);
            svg.AppendLine(Text(x + (slot / 2), Height - Bottom + 16, Invariant($"k={latency.Config.K}"), "middle"))
                .AppendLine(Text(x + (slot / 2), Height - Bottom + 30, latency.Config.RadiusLabel, "middle"));
            if (perScale > 0 && i % perScale == 0)
            {
                var centre = x + (slot * perScale / 2);
                svg.AppendLine(Text(centre, Height - Bottom + 56, Invariant($"{officers:N0} officers"), "middle", "font-size=\"13\" font-weight=\"bold\""));
            }
        }

        return svg.AppendLine("</svg>").ToString();
    }

    private static void Legend(StringBuilder svg)
    {
        var x = Width - Right - 170;
        svg.AppendLine(Invariant($"""<rect x="{x}" y="14" width="12" height="12" fill="{P50Colour}"/>"""))
            .AppendLine(Text(x + 18, 24, "p50 (median)", "start"))
            .AppendLine(Invariant($"""<rect x="{x + 95}" y="14" width="12" height="12" fill="{P99Colour}"/>"""))
            .AppendLine(Text(x + 113, 24, "p99", "start"));
    }

    private static void Bar(StringBuilder svg, double x, double width, double us, string colour, Func<double, double> y)
    {
        var baseline = y(0);
        var topY = y(us);
        svg.AppendLine(Invariant($"""<rect x="{x:F1}" y="{topY:F1}" width="{width:F1}" height="{baseline - topY:F1}" fill="{colour}"><title>{us:F1} µs</title></rect>"""))
            .AppendLine(Text(x + (width / 2), topY - 3, Invariant($"{us:0}"), "middle", "font-size=\"9\""));
    }
}
