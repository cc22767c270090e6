using System.Security;
using System.Text;
using static TangerangLive.LoadTest.Report.SvgText;

namespace TangerangLive.LoadTest.Ceiling;

/// <summary>
/// The ramps as SVG: per step a bar of the rate answered per second (left axis; grey outline: the
/// target; red: the step failed) and a dot of its p99 (right axis, ms, capped at four times the
/// limit), the p99 limit as a dashed line; the steps of each ramp (and the hold) grouped and named.
/// Built from the same SVG blocks (<see cref="Report.SvgText"/>) as the run's latency chart.
/// </summary>
internal static class CeilingChart
{
    private const double Width = 960;
    private const double Height = 460;
    private const double Left = 80;
    private const double Right = 70;
    private const double Top = 60;
    private const double Bottom = 80;
    private const string RateColour = "#1f77b4";
    private const string FailColour = "#d62728";
    private const string P99Colour = "#ff7f0e";

    public static string Render(IReadOnlyList<(string Name, IReadOnlyList<StepResult> Steps)> groups, double p99LimitMs, string title)
    {
        var drawn = groups.Where(g => g.Steps.Count > 0).ToList();
        var slots = drawn.Sum(g => g.Steps.Count) + Math.Max(0, drawn.Count - 1);
        var slot = (Width - Left - Right) / Math.Max(1, slots);
        var all = drawn.SelectMany(g => g.Steps).ToList();
        var rateTop = NiceCeiling(all.Count == 0 ? 1 : all.Max(s => Math.Max(s.TargetRate, s.AchievedPerSecond)));
        var msTop = NiceCeiling(Math.Min(4 * p99LimitMs, Math.Max(p99LimitMs * 1.2, all.Count == 0 ? 0 : all.Max(s => s.P99Ms))));
        double YRate(double rate) => Top + ((Height - Top - Bottom) * (1 - Math.Min(1, rate / rateTop)));
        double YMs(double ms) => Top + ((Height - Top - Bottom) * (1 - Math.Min(1, ms / msTop)));

        var svg = new StringBuilder();
        svg.AppendLine(Invariant($"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" viewBox="0 0 {Width} {Height}" font-family="sans-serif" font-size="11">"""))
            .AppendLine(Invariant($"""<rect width="{Width}" height="{Height}" fill="white"/>"""))
            .AppendLine(Text(Left, 24, SecurityElement.Escape(title), "start", "font-size=\"15\" font-weight=\"bold\""))
            .AppendLine(Text(Left, 42, SecurityElement.Escape($"bars: answered/s (outline: target, red: step failed); dots: p99 ms; dashed: p99 limit {p99LimitMs:0.#} ms"), "start"));
        for (var t = 0; t <= 5; t++)
        {
            var rate = rateTop * t / 5;
            svg.AppendLine(Invariant($"""<line x1="{Left}" y1="{YRate(rate):F1}" x2="{Width - Right}" y2="{YRate(rate):F1}" stroke="#ddd"/>"""))
                .AppendLine(Text(Left - 6, YRate(rate) + 4, Invariant($"{rate:N0}"), "end"))
                .AppendLine(Text(Width - Right + 6, YRate(rate) + 4, Invariant($"{msTop * t / 5:0.#}"), "start"));
        }

        svg.AppendLine(Text(18, (Top + Height - Bottom) / 2, "per second", "middle"))
            .AppendLine(Text(Width - 18, (Top + Height - Bottom) / 2, "p99 ms", "middle"))
            .AppendLine(Invariant($"""<line x1="{Left}" y1="{YMs(p99LimitMs):F1}" x2="{Width - Right}" y2="{YMs(p99LimitMs):F1}" stroke="{P99Colour}" stroke-dasharray="6 4"/>"""));
        var index = 0;
        foreach (var (name, steps) in drawn)
        {
            var groupStart = Left + (index * slot);
            foreach (var step in steps)
            {
                var x = Left + (index * slot);
                var width = slot * 0.7;
                var barX = x + (slot * 0.15);
                svg.AppendLine(Invariant($"""<rect x="{barX:F1}" y="{YRate(step.TargetRate):F1}" width="{width:F1}" height="{YRate(0) - YRate(step.TargetRate):F1}" fill="none" stroke="#999"/>"""))
                    .AppendLine(Invariant($"""<rect x="{barX:F1}" y="{YRate(step.AchievedPerSecond):F1}" width="{width:F1}" height="{YRate(0) - YRate(step.AchievedPerSecond):F1}" fill="{(step.Passed ? RateColour : FailColour)}"><title>{step.AchievedPerSecond:N0}/s of {step.TargetRate:N0}/s, p99 {step.P99Ms:0.#} ms</title></rect>"""))
                    .AppendLine(Invariant($"""<circle cx="{x + (slot / 2):F1}" cy="{YMs(step.P99Ms):F1}" r="4" fill="{P99Colour}"/>"""))
                    .AppendLine(Text(x + (slot / 2), Height - Bottom + 14, Invariant($"{step.TargetRate:N0}"), "middle", "font-size=\"9\""));
                index++;
            }

            svg.AppendLine(Text((groupStart + Left + (index * slot)) / 2, Height - Bottom + 34, SecurityElement.Escape(name), "middle", "font-size=\"12\" font-weight=\"bold\""));
            index++;
        }

        return svg.AppendLine(Text((Left + Width - Right) / 2, Height - 16, "target rate per step (per second)", "middle")).AppendLine("</svg>").ToString();
    }
}
