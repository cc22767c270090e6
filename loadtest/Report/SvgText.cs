using System.Globalization;

namespace TangerangLive.LoadTest.Report;

/// <summary>Small SVG building blocks shared by the load tester's charts.</summary>
internal static class SvgText
{
    public static string Text(double x, double y, string content, string anchor, string extra = "") =>
        Invariant($"""<text x="{x:F1}" y="{y:F1}" text-anchor="{anchor}" {extra}>{content}</text>""");

    /// <summary>The smallest 1, 2 or 5 times a power of ten at or above the value.</summary>
    public static double NiceCeiling(double value)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(value, 1e-9))));
        return new[] { 1.0, 2.0, 5.0, 10.0 }.Select(m => m * power).First(v => v >= value);
    }

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
