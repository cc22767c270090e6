using System.Globalization;
using System.Text.RegularExpressions;

namespace TangerangLive.Tests.Browser;

/// <summary>
/// The silo's tangerang_screen_grain_calls_total counters read from its Prometheus endpoint (/metrics), keyed
/// by "screen/grain"; subtracting two readings gives the grain calls made for the screens in between.
/// </summary>
public sealed partial class ScreenGrainCallCounts
{
    private ScreenGrainCallCounts(IReadOnlyDictionary<string, long> calls) => Calls = calls;

    /// <summary>Calls by "screen/grain interface", e.g. "zones/IZoneGrain".</summary>
    public IReadOnlyDictionary<string, long> Calls { get; }

    public long Total => Calls.Values.Sum();

    public static async Task<ScreenGrainCallCounts> ReadAsync(HttpClient silo)
    {
        // The exporter may answer a scrape from a cache for a few hundred milliseconds: never read twice within it.
        await Task.Delay(TimeSpan.FromMilliseconds(400));
        var text = await silo.GetStringAsync("/metrics");
        var calls = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (Match line in Counter().Matches(text))
        {
            var labels = line.Groups["labels"].Value;
            var key = $"{Label(labels, "screen")}/{Label(labels, "grain")}";
            calls[key] = calls.GetValueOrDefault(key) + (long)double.Parse(line.Groups["value"].Value, CultureInfo.InvariantCulture);
        }

        return new ScreenGrainCallCounts(calls);
    }

    /// <summary>The calls made since <paramref name="before"/>, without the keys that did not change.</summary>
    public IReadOnlyDictionary<string, long> Since(ScreenGrainCallCounts before) =>
        Calls.Select(c => KeyValuePair.Create(c.Key, c.Value - before.Calls.GetValueOrDefault(c.Key)))
            .Where(c => c.Value != 0)
            .ToDictionary(StringComparer.Ordinal);

    public static string Describe(IReadOnlyDictionary<string, long> calls) =>
        calls.Count == 0 ? "none" : string.Join(", ", calls.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));

    private static string Label(string labels, string name) =>
        Regex.Match(labels, $"(?:^|,){name}=\"(?<v>[^\"]*)\"", RegexOptions.CultureInvariant).Groups["v"].Value;

    [GeneratedRegex("""^tangerang_screen_grain_calls_total\{(?<labels>[^}]*)\} (?<value>[0-9.e+]+)""", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Counter();
}
