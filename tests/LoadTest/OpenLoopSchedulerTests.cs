using TangerangLive.LoadTest.Core;

namespace TangerangLive.Tests.LoadTest;

public sealed class OpenLoopSchedulerTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(0.5);
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(ArrivalPattern.FixedWithJitter)]
    [InlineData(ArrivalPattern.Poisson)]
    public void The_same_seed_gives_the_same_intended_times(ArrivalPattern pattern)
    {
        var a = new ArrivalSchedule(200, pattern, seed: 7);
        var b = new ArrivalSchedule(200, pattern, seed: 7);
        var c = new ArrivalSchedule(200, pattern, seed: 8);
        var first = Enumerable.Range(0, 500).Select(_ => a.Next()).ToList();
        Assert.Equal(first, Enumerable.Range(0, 500).Select(_ => b.Next()).ToList());
        Assert.NotEqual(first, Enumerable.Range(0, 500).Select(_ => c.Next()).ToList());
        Assert.Equal(Enumerable.Range(0, 500).Select(i => (long)i), first.Select(f => f.Index));
    }

    [Fact]
    public void Fixed_arrivals_keep_the_rate_and_their_order()
    {
        var schedule = new ArrivalSchedule(100, ArrivalPattern.FixedWithJitter, seed: 1);
        var offsets = Enumerable.Range(0, 1_000).Select(_ => schedule.Next().Offset.TotalSeconds).ToList();
        Assert.True(offsets.Zip(offsets.Skip(1)).All(p => p.Second > p.First), "offsets must increase");
        Assert.InRange(offsets[^1], 9.98, 10.0);
    }

    [Fact]
    public void Poisson_gaps_average_one_over_the_rate()
    {
        var schedule = new ArrivalSchedule(50, ArrivalPattern.Poisson, seed: 3);
        var last = schedule.Next();
        for (var i = 1; i < 20_000; i++)
        {
            last = schedule.Next();
        }

        Assert.Equal(19_999, last.Index);
        Assert.InRange(last.Offset.TotalSeconds / 20_000, 0.0196, 0.0204);
    }

    [Fact]
    public async Task Sends_are_started_on_time_even_while_earlier_sends_have_not_answered()
    {
        var expected = Expected(400, seed: 5);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        var scheduler = new OpenLoopScheduler(400, ArrivalPattern.FixedWithJitter, seed: 5);

        // No send answers until every send of the window has started: a scheduler that waited for
        // answers (a closed loop) would never get there and the test would time out.
        var run = scheduler.RunAsync(async _ =>
        {
            if (Interlocked.Increment(ref started) == expected)
            {
                release.SetResult();
            }

            await release.Task;
        }, Duration, Drain, CancellationToken.None);
        await release.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(expected, scheduler.Started);
        Assert.Equal(0, scheduler.InFlight);
        Assert.Equal(0, scheduler.Skipped);
    }

    [Fact]
    public async Task Arrivals_beyond_the_in_flight_limit_are_skipped_and_counted()
    {
        var expected = Expected(400, seed: 9);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scheduler = new OpenLoopScheduler(400, ArrivalPattern.FixedWithJitter, seed: 9, maxInFlight: 5);
        var run = scheduler.RunAsync(_ => release.Task, Duration, TimeSpan.Zero, CancellationToken.None);
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(5, scheduler.Started);
        Assert.Equal(expected - 5, scheduler.Skipped);
        release.SetResult();
    }

    [Fact]
    public async Task A_send_that_throws_is_counted_as_a_fault()
    {
        var scheduler = new OpenLoopScheduler(100, ArrivalPattern.FixedWithJitter, seed: 2);
        await scheduler.RunAsync(a => a.Index == 3 ? throw new InvalidOperationException("boom") : Task.CompletedTask, Duration, Drain, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, scheduler.Faulted);
        Assert.Equal("boom", scheduler.FirstFault?.Message);
        Assert.Equal(Expected(100, seed: 2), scheduler.Started);
    }

    /// <summary>How many arrivals of the seeded stream fall inside the window.</summary>
    private static long Expected(double rate, int seed)
    {
        var schedule = new ArrivalSchedule(rate, ArrivalPattern.FixedWithJitter, seed);
        long count = 0;
        while (schedule.Next().Offset < Duration)
        {
            count++;
        }

        return count;
    }
}
