namespace TangerangLive.Grains;

/// <summary>
/// The clock the domain reads: deadlines, sweeps and attendance. Kept apart from the TimeProvider
/// Orleans uses for its own machinery, so tests can drive business time with a fake clock while the
/// cluster keeps real time.
/// </summary>
public sealed class DomainClock(TimeProvider time)
{
    public static DomainClock System { get; } = new(TimeProvider.System);

    public TimeProvider Time { get; } = time;

    public DateTimeOffset Now => Time.GetUtcNow().ToUniversalTime();

    /// <summary>A timer on business time; the callback runs off the grain scheduler, so it should only send a grain call.</summary>
    public ITimer Every(TimeSpan period, Action tick) => Time.CreateTimer(_ => tick(), null, period, period);

    /// <summary>A one-shot timer on business time; fires at once when the time has already come.</summary>
    public ITimer At(DateTimeOffset due, Action fire)
    {
        var delay = due - Now;
        if (delay <= TimeSpan.Zero)
        {
            fire();
            return Time.CreateTimer(_ => { }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        return Time.CreateTimer(_ => fire(), null, delay, Timeout.InfiniteTimeSpan);
    }
}
