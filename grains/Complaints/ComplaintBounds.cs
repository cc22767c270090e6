namespace TangerangLive.Grains.Complaints;

/// <summary>
/// How much of a report's history its grain keeps, so a report open for months (notes every day, a hundred
/// citizens reporting the same flood) stays a small state written in one piece. What falls off is counted,
/// and the query model (tables complaints and complaint_timeline) keeps all of it.
/// </summary>
public static class ComplaintBounds
{
    /// <summary>
    /// Duplicates listed on the original: later ones are counted in <see cref="ComplaintState.DuplicatesUnlisted"/>,
    /// not listed (each duplicate still names its original, and the query model finds them all by duplicate_of).
    /// </summary>
    public const int MaxListedDuplicates = 100;

    /// <summary>
    /// Timeline entries kept in the grain: the newest ones; older ones are counted in
    /// <see cref="ComplaintState.TimelineElided"/> and stay in the query model's complaint_timeline.
    /// </summary>
    public const int MaxTimelineEntries = 200;
}
