using TangerangLive.LoadTest.Core;

namespace TangerangLive.Tests.LoadTest;

public sealed class OperationStatsTests
{
    [Fact]
    public async Task Latencies_from_many_threads_give_exact_counts_and_percentiles()
    {
        var registry = new StatsRegistry();
        var stats = registry.For("heartbeat");
        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var ms = 1 + t; ms <= 1_000; ms += 4)
            {
                stats.Success(TimeSpan.FromMilliseconds(ms));
            }
        })));
        stats.Error("http-503");
        stats.Error("http-503");
        stats.Error(ErrorKind.Timeout);

        var summary = Assert.Single(registry.Summarize(TimeSpan.FromSeconds(10)));
        Assert.Equal("heartbeat", summary.Name);
        Assert.Equal(1_000, summary.Successes);
        Assert.Equal(100, summary.PerSecond);
        Assert.Equal(3, summary.Errors);
        Assert.Equal(new Dictionary<string, long> { ["http-503"] = 2, [ErrorKind.Timeout] = 1 }, summary.ErrorsByKind);
        Assert.InRange(summary.P50Ms, 499.5, 500.5);
        Assert.InRange(summary.P99Ms, 989.5, 990.5);
        Assert.InRange(summary.MaxMs, 999.5, 1_000.5);
    }

    [Fact]
    public void What_starts_before_the_measured_window_is_recorded_as_warm_up_and_setup_is_left_alone()
    {
        var registry = new StatsRegistry();
        // The window opened a second ago: what ends now after a few milliseconds started in it.
        var now = MonotonicClock.Add(MonotonicClock.Now, TimeSpan.FromSeconds(-1));
        registry.MeasuredFrom = now;
        var offer = registry.For("submit-to-offer (hub push)");
        var setup = registry.For("setup: shift start");

        // Sent 2 s before the window opened, answered 1 s into it: a warm-up figure, though it ended in the window.
        offer.Success(MonotonicClock.Add(now, TimeSpan.FromSeconds(-2)), MonotonicClock.Add(now, TimeSpan.FromSeconds(1)));
        offer.Success(MonotonicClock.Add(now, TimeSpan.FromMilliseconds(10)), MonotonicClock.Add(now, TimeSpan.FromMilliseconds(14)));
        offer.Success(TimeSpan.FromMilliseconds(6));
        setup.Success(MonotonicClock.Add(now, TimeSpan.FromSeconds(-5)), now);
        registry.MeasuredFrom = MonotonicClock.Add(MonotonicClock.Now, TimeSpan.FromHours(1));
        offer.Error("http-503");

        var summaries = registry.Summarize(TimeSpan.FromSeconds(10)).ToDictionary(s => s.Name);
        Assert.Equal(["setup: shift start", "submit-to-offer (hub push)", "warm-up: submit-to-offer (hub push)"], summaries.Keys.Order(StringComparer.Ordinal));
        var measured = summaries["submit-to-offer (hub push)"];
        Assert.Equal(2, measured.Successes);
        Assert.Equal(0, measured.Errors);
        Assert.InRange(measured.MaxMs, 5.9, 6.1);
        var warmup = summaries["warm-up: submit-to-offer (hub push)"];
        Assert.Equal(1, warmup.Successes);
        Assert.Equal(1, warmup.Errors);
        Assert.InRange(warmup.MaxMs, 2_990, 3_010);
        Assert.Equal(1, summaries["setup: shift start"].Successes);
        Assert.False(StatsRegistry.IsMeasured("warm-up: submit-to-offer (hub push)"));
        Assert.True(StatsRegistry.IsMeasured("submit-to-offer (hub push)"));
    }

    [Fact]
    public void Each_sample_holds_only_what_was_recorded_since_the_previous_one()
    {
        var registry = new StatsRegistry();
        var stats = registry.For("report submit");
        stats.Success(TimeSpan.FromMilliseconds(20));
        stats.Success(TimeSpan.FromMilliseconds(40));
        stats.Error("socket");
        var first = Assert.Single(registry.Sample().Operations);
        stats.Success(TimeSpan.FromMilliseconds(5));
        var second = Assert.Single(registry.Sample().Operations);

        Assert.Equal((2, 1), (first.Successes, first.Errors));
        Assert.InRange(first.MaxMs, 39.9, 40.1);
        Assert.Equal((1, 0), (second.Successes, second.Errors));
        Assert.InRange(second.MaxMs, 4.99, 5.01);
        Assert.Equal(3, registry.Summarize(TimeSpan.FromSeconds(1)).Single().Successes);
        Assert.Equal(3, registry.Samples.Count);
    }

    /// <summary>HdrHistogram keeps 3 significant digits: values come back within 0.1 %.</summary>
    [Fact]
    public void Latency_runs_from_the_intended_send_time_to_the_answer()
    {
        var registry = new StatsRegistry();
        var intended = MonotonicClock.Now;
        registry.For("x").Success(intended, MonotonicClock.Add(intended, TimeSpan.FromMilliseconds(250)));

        var summary = registry.Summarize(TimeSpan.FromSeconds(1)).Single();
        Assert.InRange(summary.P50Ms, 249.75, 250.25);
    }
}
