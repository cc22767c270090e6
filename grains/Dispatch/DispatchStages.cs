using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TangerangLive.Grains.Dispatch;

/// <summary>
/// How long each step between a report's arrival and its offer reaching the officer's hub takes
/// (<c>tangerang.dispatch.stage.duration</c>, milliseconds, tagged with the stage), so a latency figure can be
/// split into the steps that make it up. Wall time, so a stage that awaits storage or another grain includes
/// that wait.
/// </summary>
public static class DispatchStages
{
    /// <summary>The report's write (with its watch) before the submitter is answered.</summary>
    public const string Store = "store";

    /// <summary>Of <see cref="Store"/>: the report's state write alone.</summary>
    public const string StoreWrite = "store-write";

    /// <summary>Of <see cref="Store"/>: the watch reminder's registration alone (the reminder service and its table).</summary>
    public const string StoreWatch = "store-watch";

    /// <summary>The duplicate check and the registration in the zone's open-report index.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>The category and zone pause checks.</summary>
    public const string Pause = "pause";

    /// <summary>One matching round over the zones and the outside index.</summary>
    public const string Match = "match";

    /// <summary>The officer's acceptance of the offer, stored by the officer grain.</summary>
    public const string OfficerOffer = "officer-offer";

    /// <summary>The report's own write of the offer.</summary>
    public const string OfferSave = "offer-save";

    /// <summary>From the report's arrival (its received entry) to the officer accepting the first automatic offer.</summary>
    public const string ReceivedToOffered = "received-to-offered";

    /// <summary>From the officer accepting an offer to the push handed to the officer's hub connections.</summary>
    public const string Push = "push";

    private static readonly Meter Meter = new("TangerangLive");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "tangerang.dispatch.stage.duration",
        unit: "ms",
        description: "Time spent in each step from a report's arrival to its offer reaching the officer's hub.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 2, 3, 5, 7.5, 10, 15, 20, 30, 50, 75, 100, 150, 250, 500, 1000, 2500, 5000] });

    /// <summary>Records the time since <paramref name="startedAt"/> (a <see cref="Stopwatch.GetTimestamp"/> value) for <paramref name="stage"/>.</summary>
    public static void Record(string stage, long startedAt) => Record(stage, Stopwatch.GetElapsedTime(startedAt));

    /// <summary>Awaits <paramref name="task"/> and records how long it took from now for <paramref name="stage"/>.</summary>
    public static async Task Timed(Task task, string stage)
    {
        var started = Stopwatch.GetTimestamp();
        await task;
        Record(stage, started);
    }

    public static void Record(string stage, TimeSpan elapsed) =>
        Duration.Record(Math.Max(0, elapsed.TotalMilliseconds), new KeyValuePair<string, object?>("stage", stage));
}
