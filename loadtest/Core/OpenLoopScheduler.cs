namespace TangerangLive.LoadTest.Core;

/// <summary>
/// Fires an open-loop arrival stream: each arrival's send is started at its intended time on the
/// thread pool and never awaited by the loop, so a slow response does not delay the next send.
/// The send receives the <see cref="Arrival"/> and measures its latency from
/// <see cref="Arrival.IntendedAt"/>. When more than <c>maxInFlight</c> sends are outstanding, the
/// arrival is not sent and counted in <see cref="Skipped"/> (the client, not the server, ran out
/// of room; a report must show it).
/// </summary>
public sealed class OpenLoopScheduler
{
    private static readonly TimeSpan MaxSleep = TimeSpan.FromMilliseconds(50);
    private readonly ArrivalSchedule _schedule;
    private readonly int _maxInFlight;
    private long _inFlight;
    private long _started;
    private long _skipped;
    private long _faulted;
    private Exception? _firstFault;

    /// <param name="ratePerSecond">Mean arrivals per second.</param>
    /// <param name="pattern">Fixed spacing with jitter, or Poisson.</param>
    /// <param name="seed">Seed of the gaps: the same seed gives the same intended times.</param>
    /// <param name="maxInFlight">Outstanding sends beyond which arrivals are skipped and counted.</param>
    public OpenLoopScheduler(double ratePerSecond, ArrivalPattern pattern, int seed, int maxInFlight = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxInFlight);
        _schedule = new ArrivalSchedule(ratePerSecond, pattern, seed);
        _maxInFlight = maxInFlight;
    }

    /// <summary>Sends started so far.</summary>
    public long Started => Interlocked.Read(ref _started);

    /// <summary>Arrivals not sent because <c>maxInFlight</c> sends were outstanding.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Sends that threw instead of recording their outcome.</summary>
    public long Faulted => Interlocked.Read(ref _faulted);

    /// <summary>The first exception a send let escape, if any.</summary>
    public Exception? FirstFault => _firstFault;

    /// <summary>Sends started and not yet finished.</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>
    /// Fires arrivals from now for <paramref name="duration"/> (or until cancelled), then waits up
    /// to <paramref name="drain"/> for the outstanding sends. A send records its own outcome and
    /// should not throw; an exception that escapes is counted in <see cref="Faulted"/> (its first
    /// message kept in <see cref="FirstFault"/>) so it cannot pass unseen or end the process.
    /// </summary>
    public async Task RunAsync(Func<Arrival, Task> send, TimeSpan duration, TimeSpan drain, CancellationToken cancellation)
    {
        var start = MonotonicClock.Now;
        var end = MonotonicClock.Add(start, duration);
        var (index, offset) = _schedule.Next();
        var intended = MonotonicClock.Add(start, offset);
        while (!cancellation.IsCancellationRequested && intended < end)
        {
            var wait = MonotonicClock.Between(MonotonicClock.Now, intended);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                try
                {
                    await Task.Delay(wait < MaxSleep ? wait : MaxSleep, cancellation);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                continue;
            }

            Fire(send, new Arrival(index, intended));
            (index, offset) = _schedule.Next();
            intended = MonotonicClock.Add(start, offset);
        }

        var drainEnd = MonotonicClock.Add(MonotonicClock.Now, drain);
        while (InFlight > 0 && MonotonicClock.Now < drainEnd)
        {
            await Task.Delay(10, CancellationToken.None);
        }
    }

    private void Fire(Func<Arrival, Task> send, Arrival arrival)
    {
        if (Interlocked.Increment(ref _inFlight) > _maxInFlight)
        {
            Interlocked.Decrement(ref _inFlight);
            Interlocked.Increment(ref _skipped);
            return;
        }

        Interlocked.Increment(ref _started);
        ThreadPool.UnsafeQueueUserWorkItem(
            static async state =>
            {
                try
                {
                    await state.Send(state.Arrival);
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref state.Scheduler._faulted);
                    Interlocked.CompareExchange(ref state.Scheduler._firstFault, e, null);
                }
                finally
                {
                    Interlocked.Decrement(ref state.Scheduler._inFlight);
                }
            },
            new SendState(this, send, arrival),
            preferLocal: false);
    }

    private sealed record SendState(OpenLoopScheduler Scheduler, Func<Arrival, Task> Send, Arrival Arrival);
}
