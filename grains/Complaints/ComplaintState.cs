namespace TangerangLive.Grains.Complaints;

/// <summary>A report's persisted state (state name "complaint"): written before any transition is acknowledged.</summary>
[GenerateSerializer]
public sealed class ComplaintState
{
    [Id(0)]
    public ComplaintReport? Report { get; set; }

    [Id(1)]
    public ComplaintStatus Status { get; set; }

    [Id(2)]
    public string? OfficerId { get; set; }

    [Id(3)]
    public OpenOffer? Offer { get; set; }

    [Id(4)]
    public int Attempts { get; set; }

    [Id(5)]
    public List<string> Tried { get; set; } = [];

    [Id(6)]
    public List<TimelineEntry> Timeline { get; set; } = [];

    [Id(7)]
    public string? DuplicateOf { get; set; }

    [Id(8)]
    public List<string> Duplicates { get; set; } = [];

    [Id(9)]
    public string? ProofPhoto { get; set; }

    [Id(10)]
    public string? Fingerprint { get; set; }

    [Id(11)]
    public int Version { get; set; }

    [Id(12)]
    public DateTimeOffset UpdatedAt { get; set; }

    [Id(13)]
    public int OfferSeq { get; set; }

    /// <summary>Duplicates linked after <see cref="ComplaintBounds.MaxListedDuplicates"/> were listed: counted, not listed.</summary>
    [Id(14)]
    public int DuplicatesUnlisted { get; set; }

    /// <summary>The oldest timeline entries dropped to keep <see cref="ComplaintBounds.MaxTimelineEntries"/> (the query model has them).</summary>
    [Id(15)]
    public int TimelineElided { get; set; }
}
