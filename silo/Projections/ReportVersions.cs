using TangerangLive.Grains.Complaints;

namespace TangerangLive.Silo.Projections;

/// <summary>
/// One report's versions in a batch: the newest one's row, and the timeline entries of all of them (a grain keeps
/// only its newest entries, so a later version may have dropped an entry an earlier one still carried).
/// </summary>
internal sealed record ReportVersions(ComplaintSnapshot Newest, IReadOnlyList<TimelineEntry> Timeline)
{
    public string Id => Newest.Report.Id;

    /// <summary>The last timeline sequence number these versions hold (0 for none).</summary>
    public int LastSeq => Timeline.Count == 0 ? 0 : Timeline[^1].Seq;

    public static ReportVersions Of(IEnumerable<ComplaintSnapshot> versions)
    {
        var all = versions.ToList();
        var newest = all.MaxBy(s => s.Version)!;
        var timeline = all.Count == 1
            ? newest.Timeline
            : all.SelectMany(s => s.Timeline).DistinctBy(e => e.Seq).OrderBy(e => e.Seq).ToList();
        return new ReportVersions(newest, timeline);
    }
}
