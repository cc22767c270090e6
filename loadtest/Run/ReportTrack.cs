namespace TangerangLive.LoadTest.Run;

/// <summary>
/// What the simulator knows of one report: where and what it was, when it was meant to be sent and
/// was accepted, when an officer's hub first received its offer and when it was acknowledged
/// (monotonic timestamps; 0 = not yet). The offer push can arrive before the submission's 201:
/// either side may create the track. Fields change under a lock on the track.
/// </summary>
internal sealed class ReportTrack(string id)
{
    public string Id { get; } = id;
    public bool Accepted { get; set; }
    public bool Replayed { get; set; }
    public string Category { get; set; } = string.Empty;
    public string Agency { get; set; } = string.Empty;
    public double Lat { get; set; }
    public double Lon { get; set; }
    public long SubmitIntendedAt { get; set; }
    public long FirstOfferAt { get; set; }
    public long AckAt { get; set; }
    public bool Overridden { get; set; }

    /// <summary>The officer the simulator last saw it offered to, while the offer stands.</summary>
    public string? OfferedTo { get; set; }

    /// <summary>Set for the sampled reports whose chosen officer is checked against the simulator's positions.</summary>
    public NearestSample? Nearest { get; set; }
}

/// <summary>The officers nearest to a sampled report by the simulator's knowledge, when it was accepted.</summary>
/// <param name="Candidates">The nearest officers of the agency with an accepted position, nearest first.</param>
internal sealed record NearestSample(long TakenAt, IReadOnlyList<NearestCandidate> Candidates)
{
    /// <summary>Distance of the farthest candidate kept: an officer not in the list is at least this far.</summary>
    public double Horizon => Candidates.Count == 0 ? double.PositiveInfinity : Candidates[^1].Metres;
}

/// <summary>
/// One officer near a sampled report: distance from their last accepted position, whether the simulator
/// had them free with a fresh position, and whether their phone was off the network around that time
/// (set a few seconds later). Whether the engine had them busy comes from its timelines at the end.
/// </summary>
internal sealed record NearestCandidate(string OfficerId, double Metres, bool Available)
{
    public bool DroppedNearby { get; set; }
}

/// <summary>An officer began or stopped holding a report, at the engine's time.</summary>
internal sealed record HoldEvent(string OfficerId, string ComplaintId, bool Begins, DateTimeOffset At, string Source);
