using Orleans;

namespace TangerangLive.Grains.Attendance;

/// <summary>
/// Turns a stream of heartbeat times (server clock) into online intervals. An officer stays online
/// while heartbeats arrive no more than <see cref="OfflineThreshold"/> apart; a longer silence ends
/// the interval at the last heartbeat. Serializable so an officer grain can keep it in its state.
/// </summary>
[GenerateSerializer]
public sealed class OnlineIntervalTracker
{
    /// <summary>The offline threshold used when none is given.</summary>
    public static readonly TimeSpan DefaultOfflineThreshold = TimeSpan.FromSeconds(60);

    /// <summary>Closed intervals, null until the first one closes (most officers have none between sealed days).</summary>
    [Id(0)]
    private List<Interval>? _closed;

    [Id(1)]
    private DateTimeOffset? _openStart;

    [Id(2)]
    private DateTimeOffset? _lastHeartbeat;

    [Id(3)]
    private TimeSpan _offlineThreshold;

    /// <summary>Creates a tracker with the default offline threshold.</summary>
    public OnlineIntervalTracker()
        : this(DefaultOfflineThreshold)
    {
    }

    /// <summary>Creates a tracker with the given offline threshold.</summary>
    public OnlineIntervalTracker(TimeSpan offlineThreshold)
    {
        OfflineThreshold = offlineThreshold;
    }

    /// <summary>The longest silence between heartbeats that still counts as continuously online.</summary>
    public TimeSpan OfflineThreshold
    {
        get => _offlineThreshold;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            _offlineThreshold = value;
        }
    }

    /// <summary>The server time of the newest heartbeat, if any.</summary>
    public DateTimeOffset? LastHeartbeat => _lastHeartbeat;

    /// <summary>True while an interval is open (the officer has not been marked offline).</summary>
    public bool IsOnline => _openStart is not null;

    /// <summary>
    /// Records a heartbeat received at <paramref name="serverTime"/>. Returns false (and changes
    /// nothing) for a heartbeat not newer than the last one.
    /// </summary>
    public bool Heartbeat(DateTimeOffset serverTime)
    {
        var at = serverTime.ToUniversalTime();
        if (_lastHeartbeat is { } last && at <= last)
        {
            return false;
        }

        if (_openStart is not null && _lastHeartbeat is { } previous && at - previous > OfflineThreshold)
        {
            CloseOpenInterval();
        }

        _openStart ??= at;
        _lastHeartbeat = at;
        return true;
    }

    /// <summary>How many closed intervals are kept: it grows when a heartbeat after a long silence starts a new interval.</summary>
    public int ClosedCount => _closed?.Count ?? 0;

    /// <summary>
    /// Carries the open interval on to <paramref name="lastSeen"/>, a heartbeat recorded elsewhere (the batched position
    /// log) after this tracker was last saved. The caller vouches that the officer stayed online in between: every
    /// interval that ended was saved at once, so nothing saved after this tracker can hide a gap. Returns false (and
    /// changes nothing) when no interval is open or the time is not newer than the last heartbeat.
    /// </summary>
    public bool Resume(DateTimeOffset lastSeen)
    {
        var at = lastSeen.ToUniversalTime();
        if (_openStart is null || (_lastHeartbeat is { } last && at <= last))
        {
            return false;
        }

        _lastHeartbeat = at;
        return true;
    }

    /// <summary>
    /// Closes the open interval at the last heartbeat, as a liveness sweep does when the officer has
    /// gone silent. Returns false when nothing was open or <paramref name="at"/> is before the last heartbeat.
    /// </summary>
    public bool MarkOffline(DateTimeOffset at)
    {
        if (_openStart is null || (_lastHeartbeat is { } last && at.ToUniversalTime() < last))
        {
            return false;
        }

        CloseOpenInterval();
        return true;
    }

    /// <summary>True when the officer is online but silent for longer than the threshold at <paramref name="now"/>.</summary>
    public bool IsSilentAt(DateTimeOffset now) =>
        _openStart is not null && _lastHeartbeat is { } last && now.ToUniversalTime() - last > OfflineThreshold;

    /// <summary>
    /// The closed intervals plus the open one (ending at the last heartbeat), in time order, cut at
    /// <paramref name="upTo"/>. Zero-length intervals are left out.
    /// </summary>
    public IReadOnlyList<Interval> Intervals(DateTimeOffset upTo)
    {
        var limit = upTo.ToUniversalTime();
        var result = new List<Interval>(ClosedCount + 1);
        foreach (var interval in _closed ?? [])
        {
            AddCut(result, interval, limit);
        }

        if (_openStart is { } start && _lastHeartbeat is { } last)
        {
            AddCut(result, new Interval(start, last), limit);
        }

        return result;
    }

    /// <summary>
    /// Drops closed intervals that ended more than <paramref name="days"/> days before
    /// <paramref name="now"/>. Returns how many were dropped.
    /// </summary>
    public int TrimOlderThan(DateTimeOffset now, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var cutoff = now.ToUniversalTime().AddDays(-days);
        return _closed?.RemoveAll(interval => interval.End < cutoff) ?? 0;
    }

    private void CloseOpenInterval()
    {
        if (_openStart is { } start && _lastHeartbeat is { } last && last > start)
        {
            (_closed ??= []).Add(new Interval(start, last));
        }

        _openStart = null;
    }

    private static void AddCut(List<Interval> result, Interval interval, DateTimeOffset limit)
    {
        if (interval.Start >= limit)
        {
            return;
        }

        var end = interval.End < limit ? interval.End : limit;
        if (end > interval.Start)
        {
            result.Add(end == interval.End ? interval : interval with { End = end });
        }
    }
}
