using TangerangLive.LoadTest.Core;

namespace TangerangLive.LoadTest.Run;

/// <summary>
/// A fraction of officers' phones drop off the network for a while and come back: no heartbeats, hub
/// closed. A drop-out longer than the server's offline threshold must show as a gap (the engine marks
/// the officer offline within the threshold plus a sweep, and online again at the first heartbeat
/// back); a shorter one must not (the engine rides out lost heartbeats). Both are observed through
/// <c>GET /api/officers/{id}</c> as an admin, the live state attendance intervals are built from.
/// </summary>
internal sealed class Dropouts(SiloClient client, RunLedger ledger, RunOptions options, Fleet fleet, OfficerHubs hubs, Heartbeats heartbeats, string adminToken)
{
    public const string Observe = "check: officer state";

    /// <summary>How long after the threshold the engine has to mark a silent officer offline (zone sweep every 5 s, plus slack).</summary>
    public static readonly TimeSpan SweepAllowance = TimeSpan.FromSeconds(8);

    private readonly List<DropoutRecord> _records = [];

    public IReadOnlyList<DropoutRecord> Records
    {
        get
        {
            lock (_records)
            {
                return [.. _records];
            }
        }
    }

    /// <summary>How long a drop-out that must show as a gap lasts.</summary>
    public TimeSpan LongDropout => options.OfflineThreshold + SweepAllowance + TimeSpan.FromSeconds(2);

    /// <summary>
    /// Plans and plays the drop-outs: every other one long enough to show as a gap when the run has room
    /// for it (starting early enough to come back before the end), the others short, in the first third.
    /// </summary>
    public Task RunAsync(TimeSpan duration, CancellationToken cancellation)
    {
        var random = new Random(options.Seed + 5);
        var count = (int)Math.Round(fleet.Officers.Count * options.DropoutFraction);
        var chosen = fleet.Officers.OrderBy(_ => random.Next()).Take(count).ToList();
        var earliest = duration * 0.05;
        var latestLong = duration - LongDropout - TimeSpan.FromSeconds(2);
        var beat = options.HeartbeatSeconds;
        var shortDropout = TimeSpan.FromSeconds(Math.Max(beat, Math.Min(3 * beat, (options.OfflineThreshold.TotalSeconds / 2) - beat)));
        return Task.WhenAll(chosen.Select((officer, i) =>
        {
            var isLong = i % 2 == 0 && latestLong >= earliest;
            var start = isLong
                ? earliest + ((latestLong - earliest) * random.NextDouble())
                : earliest + (duration * 0.3 * random.NextDouble());
            return DropOutAsync(officer, start, isLong ? LongDropout : shortDropout, isLong, cancellation);
        }));
    }

    private async Task DropOutAsync(SimOfficer officer, TimeSpan start, TimeSpan length, bool longEnough, CancellationToken cancellation)
    {
        try
        {
            await Task.Delay(start, cancellation);
            for (var tries = 0; !officer.TryDropOut(); tries++)
            {
                if (tries == 20)
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
            }

            RunCounters.Add(ref ledger.Counters.DropOuts);
            var droppedAt = MonotonicClock.Now;
            await OfficerHubs.StopAsync(officer);
            bool? gapSeen = null;
            if (longEnough)
            {
                await Task.Delay(options.OfflineThreshold, cancellation);
                gapSeen = await WaitForOnlineAsync(officer, online: false, MonotonicClock.Add(droppedAt, options.OfflineThreshold + SweepAllowance), cancellation);
            }

            await Task.Delay(MonotonicClock.Add(droppedAt, length - TimeSpan.FromSeconds(1)) is var beforeReturn && beforeReturn > MonotonicClock.Now
                ? MonotonicClock.Between(MonotonicClock.Now, beforeReturn) : TimeSpan.Zero, cancellation);
            var onlineBeforeReturn = await OnlineAsync(officer, cancellation);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
            officer.Return();
            if (officer.Hub is not null)
            {
                await hubs.StartAsync(officer, "hub reconnect after drop-out", cancellation);
            }

            var returnedAt = MonotonicClock.Now;
            await heartbeats.BeatAsync(officer, returnedAt, cancellation);
            var deadline = MonotonicClock.Add(returnedAt, TimeSpan.FromSeconds((3 * options.HeartbeatSeconds) + 15));
            var onlineAfter = await WaitForOnlineAsync(officer, online: true, deadline, cancellation);
            if (onlineAfter == false && officer.AckAt < returnedAt)
            {
                onlineAfter = null;
            }

            lock (_records)
            {
                _records.Add(new DropoutRecord(officer.OfficerId, start, length, longEnough, gapSeen, onlineBeforeReturn, onlineAfter));
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            officer.Return();
        }
    }

    /// <summary>
    /// Polls the officer's state each second until it is as wanted (true) or the deadline passes (false
    /// when last read otherwise, null when it could not be read).
    /// </summary>
    private async Task<bool?> WaitForOnlineAsync(SimOfficer officer, bool online, long deadline, CancellationToken cancellation)
    {
        while (true)
        {
            var state = await OnlineAsync(officer, cancellation);
            if (state == online)
            {
                return true;
            }

            if (MonotonicClock.Now >= deadline)
            {
                return state is null ? null : false;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
        }
    }

    private async Task<bool?> OnlineAsync(SimOfficer officer, CancellationToken cancellation)
    {
        var state = await client.SendAsync<OfficerAnswer>(Observe, HttpMethod.Get, $"/api/officers/{officer.OfficerId}", adminToken, null, MonotonicClock.Now, cancellation);
        return state.Ok ? state.Value!.Online : null;
    }
}

/// <summary>
/// One drop-out and what the engine showed: for a long one, whether it marked the officer offline in
/// time (<see cref="GapSeen"/>); for a short one, whether it still showed the officer online just before
/// the return; and whether the officer was online again once a heartbeat got through after the return.
/// Null: not observable (the state could not be read, or no heartbeat got through).
/// </summary>
internal sealed record DropoutRecord(string OfficerId, TimeSpan Start, TimeSpan Length, bool LongerThanThreshold, bool? GapSeen, bool? OnlineBeforeReturn, bool? OnlineAfter)
{
    private bool? During => LongerThanThreshold ? GapSeen : OnlineBeforeReturn;

    /// <summary>The engine showed something else than it should have.</summary>
    public bool Failed => During == false || OnlineAfter == false;

    /// <summary>Part of what the engine showed could not be observed (and nothing contradicted it).</summary>
    public bool Unobserved => !Failed && (During is null || OnlineAfter is null);
}
