using TangerangLive.Grains.City;
using TangerangLive.LoadTest.Core;

namespace TangerangLive.LoadTest.Run;

/// <summary>
/// On a sample of accepted reports, notes the officers of the report's agency nearest to it by the
/// simulator's own knowledge (each officer's last position the engine accepted, whether free) and, a
/// few seconds later, which of them had their phone off the network meanwhile. The end-of-run check
/// compares the engine's first offer with these.
/// </summary>
internal sealed class NearestSampler(Fleet fleet, RunOptions options)
{
    public const int Candidates = 30;

    /// <summary>How long after the sample drop-outs are still looked for.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    private readonly int _every = Math.Max(1, (int)Math.Round(options.ReportsPerSecond * options.Duration.TotalSeconds / 200));
    private readonly List<Task> _settling = [];
    private long _accepted;

    /// <summary>Sampled reports finish settling by the time this completes.</summary>
    public Task SettledAsync()
    {
        lock (_settling)
        {
            return Task.WhenAll(_settling);
        }
    }

    public void OnAccepted(ReportTrack track)
    {
        if (Interlocked.Increment(ref _accepted) % _every != 0 || !fleet.ByAgency.TryGetValue(track.Agency, out var officers))
        {
            return;
        }

        var now = MonotonicClock.Now;
        var fresh = TimeSpan.FromSeconds(2 * options.HeartbeatSeconds);
        var nearest = officers
            .Where(o => o.AckAt != 0 && o.Phase != OfficerPhase.OffDuty)
            .Select(o => (Officer: o, Metres: Geodesy.HaversineMetres(track.Lat, track.Lon, o.AckLat, o.AckLon)))
            .OrderBy(c => c.Metres).Take(Candidates).ToList();
        var candidates = nearest.Select(c => new NearestCandidate(c.Officer.OfficerId, c.Metres,
            c.Officer.Phase == OfficerPhase.Available && MonotonicClock.Between(c.Officer.AckAt, now) < fresh)).ToList();
        lock (track)
        {
            track.Nearest = new NearestSample(now, candidates);
        }

        var recent = MonotonicClock.Add(now, -fresh);
        var settle = Task.Run(async () =>
        {
            await Task.Delay(Settle);
            foreach (var (candidate, officer) in candidates.Zip(nearest.Select(n => n.Officer)))
            {
                candidate.DroppedNearby = officer.Phase == OfficerPhase.DroppedOut || officer.DroppedAt > recent;
            }
        });
        lock (_settling)
        {
            _settling.Add(settle);
        }
    }

    /// <summary>
    /// How much farther than the nearest free officer the chosen one may be: each of the two may have
    /// moved for up to a heartbeat interval plus the heartbeats' delay (<paramref name="lag"/>, the
    /// measured p99) between the engine's view and the simulator's, plus GPS slack.
    /// </summary>
    public double ToleranceMetres(TimeSpan lag) => (2 * SimOfficer.MotorbikeSpeed * (options.HeartbeatSeconds + lag.TotalSeconds)) + 20;
}
