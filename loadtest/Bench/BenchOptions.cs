using System.Globalization;

namespace TangerangLive.LoadTest.Bench;

/// <summary>The options of the <c>bench</c> command.</summary>
internal sealed record BenchOptions(IReadOnlyList<int> OfficerCounts, int Queries, int Seed, string OutPath)
{
    /// <summary>Queries per N compared with a brute-force scan.</summary>
    public const int CorrectnessSamples = 200;

    /// <summary>The least number of unrecorded queries run before each measured configuration.</summary>
    public const int WarmUpQueries = 1_000;

    /// <summary>The least time spent warming up before each measured configuration.</summary>
    public static TimeSpan WarmUpTime { get; } = TimeSpan.FromSeconds(0.5);

    /// <summary>How long the position-update loop runs for each N.</summary>
    public static TimeSpan UpdateDuration { get; } = TimeSpan.FromSeconds(3);

    public static BenchOptions Default { get; } = new([300, 10_000, 100_000], 20_000, 42, "docs/benchmarks.md");

    /// <summary>Parses <c>--officers a,b,c --queries N --seed S --out path</c>; null and an error when invalid.</summary>
    public static BenchOptions? Parse(IReadOnlyList<string> args, out string error)
    {
        var options = Default;
        error = string.Empty;
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count)
            {
                error = $"option '{args[i]}' needs a value";
                return null;
            }

            var value = args[i + 1];
            BenchOptions? next = args[i] switch
            {
                "--officers" => ParseCounts(value) is { } counts ? options with { OfficerCounts = counts } : null,
                "--queries" => ParsePositive(value) is { } queries ? options with { Queries = queries } : null,
                "--seed" => int.TryParse(value, CultureInfo.InvariantCulture, out var seed) ? options with { Seed = seed } : null,
                "--out" => string.IsNullOrWhiteSpace(value) ? null : options with { OutPath = value },
                _ => null,
            };
            if (next is null)
            {
                error = $"invalid option '{args[i]} {value}'";
                return null;
            }

            options = next;
        }

        return options;
    }

    private static int[]? ParseCounts(string value)
    {
        var counts = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(ParsePositive).ToArray();
        return counts.Length > 0 && counts.All(c => c is not null) ? counts.Select(c => c!.Value).ToArray() : null;
    }

    private static int? ParsePositive(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
}
