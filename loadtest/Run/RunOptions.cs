using System.Globalization;

namespace TangerangLive.LoadTest.Run;

/// <summary>The options of the <c>run</c> command (see <see cref="Usage"/>).</summary>
internal sealed record RunOptions
{
    public const int MaxOfficers = 100_000;

    /// <summary>Officers that get a hub connection by default; beyond it, <see cref="HubFraction"/> shrinks (see docs/loadtest.md).</summary>
    public const int DefaultHubConnections = 10_000;

    public IReadOnlyList<Uri> Urls { get; init; } = [new("http://127.0.0.1:8080")];
    public int Officers { get; init; } = 300;
    public double HeartbeatSeconds { get; init; } = 5;
    public double OsmAndFraction { get; init; } = 0.2;
    public double ReportsPerSecond { get; init; } = 2;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The same load played before the measured <see cref="Duration"/>, reported apart ("warm-up: ..." operations in the
    /// set-up table): what starts in it is not measured. Zero: the measured window opens with the load.
    /// </summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.Zero;
    public int Seed { get; init; } = 42;
    public double RefuseFraction { get; init; } = 0.1;
    public double IgnoreFraction { get; init; } = 0.05;
    public double DropoutFraction { get; init; } = 0.05;
    public double OverrideFraction { get; init; } = 0.05;
    public double PhotoFraction { get; init; } = 0.3;

    /// <summary>Officers with a hub connection; null: all up to <see cref="DefaultHubConnections"/>.</summary>
    public double? HubFraction { get; init; }

    /// <summary>The server's offline threshold (the city's liveness.offlineThresholdSeconds).</summary>
    public TimeSpan OfflineThreshold { get; init; } = TimeSpan.FromSeconds(90);

    public string OutDirectory { get; init; } = "loadtest-report";
    public string AdminUser { get; init; } = "admin";
    public string AdminPassword { get; init; } = "tangerang-demo";

    /// <summary>
    /// Citizen accounts; 0: max(4, 1.2 x reports per second), so each account sends at most 50 reports a
    /// minute (the intake limit is 60 per user) while registering them stays near the sign-in limit per address.
    /// </summary>
    public int Citizens { get; init; }

    public double EffectiveHubFraction => HubFraction ?? Math.Min(1, (double)DefaultHubConnections / Officers);

    public int EffectiveCitizens => Citizens > 0 ? Citizens : Math.Max(4, (int)Math.Ceiling(1.2 * ReportsPerSecond));

    /// <summary>Parses <c>--name value</c> pairs; null and an error naming the option when invalid.</summary>
    public static RunOptions? Parse(IReadOnlyList<string> args, out string error)
    {
        var options = new RunOptions();
        error = string.Empty;
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count)
            {
                error = $"option '{args[i]}' needs a value";
                return null;
            }

            var value = args[i + 1];
            RunOptions? next = args[i] switch
            {
                "--url" => ParseUrls(value) is { } urls ? options with { Urls = urls } : null,
                "--officers" => Int(value) is { } n and <= MaxOfficers ? options with { Officers = n } : null,
                "--heartbeat-seconds" => Number(value) is { } h and > 0 and <= 600 ? options with { HeartbeatSeconds = h } : null,
                "--osmand-fraction" => Fraction(value) is { } f ? options with { OsmAndFraction = f } : null,
                "--reports-per-second" => Number(value) is { } r and > 0 and <= 100_000 ? options with { ReportsPerSecond = r } : null,
                "--duration" => ParseDuration(value) is { } d ? options with { Duration = d } : null,
                "--warmup" => value is "0" or "0s" ? options with { Warmup = TimeSpan.Zero } : ParseDuration(value) is { } w ? options with { Warmup = w } : null,
                "--seed" => int.TryParse(value, CultureInfo.InvariantCulture, out var seed) ? options with { Seed = seed } : null,
                "--refuse-fraction" => Fraction(value) is { } f ? options with { RefuseFraction = f } : null,
                "--ignore-fraction" => Fraction(value) is { } f ? options with { IgnoreFraction = f } : null,
                "--dropout-fraction" => Fraction(value) is { } f ? options with { DropoutFraction = f } : null,
                "--override-fraction" => Fraction(value) is { } f ? options with { OverrideFraction = f } : null,
                "--photo-fraction" => Fraction(value) is { } f ? options with { PhotoFraction = f } : null,
                "--hub-fraction" => Fraction(value) is { } f ? options with { HubFraction = f } : null,
                "--offline-threshold" => ParseDuration(value) is { } d ? options with { OfflineThreshold = d } : null,
                "--citizens" => Int(value) is { } c ? options with { Citizens = c } : null,
                "--out" => string.IsNullOrWhiteSpace(value) ? null : options with { OutDirectory = value },
                "--admin-user" => string.IsNullOrWhiteSpace(value) ? null : options with { AdminUser = value },
                "--admin-password" => string.IsNullOrEmpty(value) ? null : options with { AdminPassword = value },
                _ => null,
            };
            if (next is null)
            {
                error = $"invalid option '{args[i]} {value}'";
                return null;
            }

            options = next;
        }

        if (options.RefuseFraction + options.IgnoreFraction > 1)
        {
            error = "--refuse-fraction and --ignore-fraction add up to more than 1";
            return null;
        }

        return options;
    }

    private static Uri[]? ParseUrls(string value)
    {
        var urls = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null).ToArray();
        return urls.Length > 0 && urls.All(u => u is not null) ? urls.Select(u => u!).ToArray() : null;
    }

    private static int? Int(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    private static double? Number(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n : null;

    private static double? Fraction(string value) => Number(value) is { } f and >= 0 and <= 1 ? f : null;

    /// <summary>"90", "90s", "2m" or "1h"; positive, at most a day.</summary>
    private static TimeSpan? ParseDuration(string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        var unit = char.IsLetter(value[^1]) ? value[^1] : 's';
        var number = Number(char.IsLetter(value[^1]) ? value[..^1] : value);
        var seconds = unit switch { 's' => number, 'm' => number * 60, 'h' => number * 3600, _ => null };
        return seconds is > 0 and <= 86_400 ? TimeSpan.FromSeconds(seconds.Value) : null;
    }
}
