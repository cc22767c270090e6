using System.Globalization;

namespace TangerangLive.LoadTest.Ceiling;

/// <summary>The options of the <c>ceiling</c> command (see <see cref="Usage"/>).</summary>
internal sealed record CeilingOptions
{
    public IReadOnlyList<Uri> Urls { get; init; } = [new("http://127.0.0.1:8080")];
    public IReadOnlyList<LoadPath> Paths { get; init; } = [LoadPath.Sigap];
    public bool Reports { get; init; }
    public bool Noop { get; init; }

    /// <summary>Measure the in-process no-op endpoint only: no silo, no enrolment (the smoke test, or a quick look at the client).</summary>
    public bool NoopOnly { get; init; }

    public int NoopPort { get; init; }
    public int Officers { get; init; } = 10_000;
    public double StartRate { get; init; } = 1_000;
    public double ReportsStartRate { get; init; } = 10;

    /// <summary>Geometric growth: each step's rate is the previous one's times this (unless <see cref="Increment"/> is set).</summary>
    public double Growth { get; init; } = 1.5;

    /// <summary>Additive growth: each step adds this many per second (0: geometric).</summary>
    public double Increment { get; init; }

    public TimeSpan StepDuration { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(3);
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(5);
    public double P99Ms { get; init; } = 50;
    public double MaxErrorRate { get; init; } = 0.001;
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromSeconds(300);
    public double MaxRate { get; init; } = 1_000_000;
    public double? HoldRate { get; init; }
    public TimeSpan HoldDuration { get; init; } = TimeSpan.FromSeconds(120);
    public int Connections { get; init; } = 256;
    public int MaxInFlight { get; init; } = 20_000;
    public int Citizens { get; init; } = 120;
    public int Seed { get; init; } = 42;
    public string OutDirectory { get; init; } = "ceiling-report";
    public string AdminUser { get; init; } = "admin";
    public string AdminPassword { get; init; } = "tangerang-demo";

    /// <summary>Leave the officers on shift at the end (for memory readings of officers on shift, taken after the run).</summary>
    public bool KeepShifts { get; init; }

    public bool Hold => HoldRate is not null;

    /// <summary>The paths measured: the heartbeat paths, then reports when asked for.</summary>
    public IReadOnlyList<LoadPath> AllPaths => Reports ? [.. Paths.Where(p => p != LoadPath.Reports), LoadPath.Reports] : Paths;

    /// <summary>Parses <c>--name value</c> pairs and the flags <c>--noop</c>, <c>--noop-only</c>, <c>--reports</c>, <c>--keep-shifts</c>; null and an error naming the option when invalid.</summary>
    public static CeilingOptions? Parse(IReadOnlyList<string> args, out string error)
    {
        var options = new CeilingOptions();
        error = string.Empty;
        var holdSecondsGiven = false;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--keep-shifts")
            {
                options = options with { KeepShifts = true };
                continue;
            }

            if (args[i] is "--noop" or "--noop-only" or "--reports")
            {
                options = args[i] switch
                {
                    "--noop" => options with { Noop = true },
                    "--noop-only" => options with { Noop = true, NoopOnly = true },
                    _ => options with { Reports = true },
                };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                error = $"option '{args[i]}' needs a value";
                return null;
            }

            var value = args[++i];
            holdSecondsGiven |= args[i - 1] == "--hold-seconds";
            CeilingOptions? next = args[i - 1] switch
            {
                "--url" => ParseUrls(value) is { } urls ? options with { Urls = urls } : null,
                "--path" => ParsePaths(value) is { } paths ? options with { Paths = paths } : null,
                "--noop-port" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65_535 ? options with { NoopPort = port } : null,
                "--officers" => Int(value) is { } n and <= 200_000 ? options with { Officers = n } : null,
                "--start-rate" => Number(value) is { } r and > 0 ? options with { StartRate = r } : null,
                "--reports-start-rate" => Number(value) is { } r and > 0 ? options with { ReportsStartRate = r } : null,
                "--growth" => Number(value) is { } g and > 1 and <= 10 ? options with { Growth = g, Increment = 0 } : null,
                "--increment" => Number(value) is { } a and > 0 ? options with { Increment = a } : null,
                "--step-seconds" => Seconds(value) is { } s ? options with { StepDuration = s } : null,
                "--warmup-seconds" => Number(value) is { } w and >= 0 and <= 600 ? options with { WarmUp = TimeSpan.FromSeconds(w) } : null,
                "--drain-seconds" => Seconds(value) is { } d ? options with { Drain = d } : null,
                "--p99-ms" => Number(value) is { } p and > 0 ? options with { P99Ms = p } : null,
                "--max-error-rate" => Number(value) is { } e and >= 0 and < 1 ? options with { MaxErrorRate = e } : null,
                "--max-seconds" => Seconds(value) is { } m ? options with { MaxDuration = m } : null,
                "--max-rate" => Number(value) is { } x and > 0 ? options with { MaxRate = x } : null,
                "--hold-rate" => Number(value) is { } h and > 0 ? options with { HoldRate = h } : null,
                "--hold-seconds" => Seconds(value) is { } h ? options with { HoldDuration = h } : null,
                "--connections" => Int(value) is { } c and <= 65_535 ? options with { Connections = c } : null,
                "--max-in-flight" => Int(value) is { } f ? options with { MaxInFlight = f } : null,
                "--citizens" => Int(value) is { } c ? options with { Citizens = c } : null,
                "--seed" => int.TryParse(value, CultureInfo.InvariantCulture, out var seed) ? options with { Seed = seed } : null,
                "--out" => string.IsNullOrWhiteSpace(value) ? null : options with { OutDirectory = value },
                "--admin-user" => string.IsNullOrWhiteSpace(value) ? null : options with { AdminUser = value },
                "--admin-password" => string.IsNullOrEmpty(value) ? null : options with { AdminPassword = value },
                _ => null,
            };
            if (next is null)
            {
                error = $"invalid option '{args[i - 1]} {value}'";
                return null;
            }

            options = next;
        }

        if (holdSecondsGiven && !options.Hold)
        {
            error = "--hold-seconds needs --hold-rate";
            return null;
        }

        if (options.Hold && options.NoopOnly)
        {
            error = "--hold-rate holds a rate on the engine; leave out --noop-only";
            return null;
        }

        if (options.Hold && options.MaxDuration <= options.HoldDuration + options.WarmUp + options.Drain)
        {
            error = "--max-seconds must leave room for --hold-seconds, its warm-up and drain";
            return null;
        }

        if (options.Hold && options.Reports)
        {
            error = "--hold-rate holds one heartbeat path; leave out --reports";
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

    private static LoadPath[]? ParsePaths(string value)
    {
        var paths = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.ToLowerInvariant() switch { "sigap" => LoadPath.Sigap, "osmand" => LoadPath.OsmAnd, "hub" => LoadPath.Hub, _ => (LoadPath?)null }).ToArray();
        return paths.Length > 0 && paths.All(p => p is not null) ? [.. paths.Select(p => p!.Value).Distinct()] : null;
    }

    private static int? Int(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    private static double? Number(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n : null;

    private static TimeSpan? Seconds(string value) =>
        Number(value) is { } s and > 0 and <= 86_400 ? TimeSpan.FromSeconds(s) : null;
}
