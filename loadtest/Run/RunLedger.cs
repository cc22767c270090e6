using System.Collections.Concurrent;
using TangerangLive.LoadTest.Core;

namespace TangerangLive.LoadTest.Run;

/// <summary>
/// The run's shared record: every report the simulator sent or heard of, the hold events seen on the
/// hubs and returned by field steps, live counters, and the submit-to-offer / submit-to-acknowledged
/// latencies recorded when both ends are known.
/// </summary>
internal sealed class RunLedger(StatsRegistry stats)
{
    public const string SubmitToOffer = "submit-to-offer (hub push)";

    /// <summary>
    /// The later part of <see cref="SubmitToOffer"/>: from the engine's offer (the time the push carries, taken by the
    /// officer's grain as it makes the offer, before its write) to the hub receiving it. Same machine, same clock.
    /// </summary>
    public const string OfferToHub = "offer-to-hub (engine's offer time to hub push)";
    public const string SubmitToAck = "submit-to-acknowledged";

    private readonly ConcurrentDictionary<string, ReportTrack> _reports = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<HoldEvent> _holds = new();
    private readonly ConcurrentQueue<string> _offered = new();

    public RunCounters Counters { get; } = new();

    public StatsRegistry Stats => stats;

    public IEnumerable<ReportTrack> Reports => _reports.Values;

    public IEnumerable<HoldEvent> Holds => _holds;

    public ReportTrack Track(string id) => _reports.GetOrAdd(id, static i => new ReportTrack(i));

    public bool TryGet(string id, out ReportTrack? track) => _reports.TryGetValue(id, out track);

    /// <summary>The submission was accepted (201, or 200 for a replay of an earlier attempt).</summary>
    public ReportTrack Accepted(string id, long intendedAt, bool replayed, string category, string agency, double lat, double lon)
    {
        var track = Track(id);
        lock (track)
        {
            if (track.Accepted)
            {
                return track;
            }

            (track.Accepted, track.Replayed, track.Category, track.Agency, track.Lat, track.Lon, track.SubmitIntendedAt) =
                (true, replayed, category, agency, lat, lon, intendedAt);
            RunCounters.Add(ref Counters.Accepted);
            if (track.FirstOfferAt != 0)
            {
                stats.For(SubmitToOffer).Success(intendedAt, track.FirstOfferAt);
            }

            if (track.AckAt != 0)
            {
                stats.For(SubmitToAck).Success(intendedAt, track.AckAt);
            }
        }

        return track;
    }

    /// <summary>An officer's hub received the offer.</summary>
    public void OfferSeen(string id, string officerId, long receivedAt, DateTimeOffset at)
    {
        var track = Track(id);
        lock (track)
        {
            track.OfferedTo = officerId;
            if (track.FirstOfferAt == 0)
            {
                track.FirstOfferAt = receivedAt;
                RunCounters.Add(ref Counters.Offered);
                if (track.Accepted)
                {
                    stats.For(SubmitToOffer).Success(track.SubmitIntendedAt, receivedAt);
                }
            }
        }

        _offered.Enqueue(id);
        Hold(new HoldEvent(officerId, id, true, at, Checks.EngineHolds.OfferPush));
    }

    /// <summary>An offer push arrived on a hub: how long after the engine made the offer.</summary>
    public void OfferDelivered(DateTimeOffset engineAt) => stats.For(OfferToHub).Success(DateTimeOffset.UtcNow - engineAt);

    /// <summary>The officer's acknowledgement was accepted.</summary>
    public void Acknowledged(string id, long at)
    {
        var track = Track(id);
        lock (track)
        {
            if (track.AckAt != 0)
            {
                return;
            }

            track.AckAt = at;
            RunCounters.Add(ref Counters.Acknowledged);
            if (track.Accepted)
            {
                stats.For(SubmitToAck).Success(track.SubmitIntendedAt, at);
            }
        }
    }

    public void Hold(HoldEvent hold) => _holds.Enqueue(hold);

    /// <summary>A report recently offered and, as far as the simulator knows, still waiting for its officer.</summary>
    public ReportTrack? RecentlyOffered()
    {
        while (_offered.TryDequeue(out var id))
        {
            if (_reports.TryGetValue(id, out var track) && track.Accepted && track.AckAt == 0 && track.OfferedTo is not null && !track.Overridden)
            {
                return track;
            }
        }

        return null;
    }
}

/// <summary>Live counts for the progress display (incremented with <see cref="Add"/>).</summary>
internal sealed class RunCounters
{
    public long Submitted;
    public long Accepted;

    /// <summary>Submissions that were never accepted: refused, or still failing after every retry with the same key.</summary>
    public long Abandoned;
    public long Offered;
    public long Acknowledged;
    public long Resolved;
    public long Refused;
    public long Ignored;
    public long Overrides;
    public long DropOuts;
    public long HubDisconnects;

    public static void Add(ref long counter) => Interlocked.Increment(ref counter);
}
