using TangerangLive.Grains.Complaints;

namespace TangerangLive.Api.Reports;

/// <summary>A citizen's report as JSON. Photos, if any, are base64 (JPEG, PNG or WebP).</summary>
public sealed record ReportRequest(
    string? Category,
    string? Description,
    double? Lat,
    double? Lon,
    string? Contact,
    IReadOnlyList<string>? Photos);

/// <summary>The answer to a submission: the tracking id and where to follow it.</summary>
public sealed record ReportAccepted(string Id, string Status, string TrackingUrl, bool Replayed);

/// <summary>A report with its timeline, as its reporter, its officer or staff see it.</summary>
public sealed record ReportView(
    string Id,
    string Status,
    string Category,
    string Agency,
    string Description,
    double Lat,
    double Lon,
    string ZoneCode,
    int Priority,
    IReadOnlyList<string> Photos,
    string Channel,
    string? OfficerId,
    string? DuplicateOf,
    IReadOnlyList<string> Duplicates,
    string? ProofPhoto,
    DateTimeOffset SubmittedAt,
    DateTimeOffset SlaDueAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<TimelineEntry> Timeline,
    ReporterView? Reporter = null,
    int DuplicateCount = 0,
    int TimelineElided = 0,
    IReadOnlyList<AttributeAnswer>? Attributes = null)
{
    /// <summary>
    /// The report; the reporter's name and contact (a caller's phone) only for command-centre staff. Duplicates lists
    /// the first <see cref="ComplaintBounds.MaxListedDuplicates"/> and DuplicateCount counts them all; Timeline holds
    /// the newest <see cref="ComplaintBounds.MaxTimelineEntries"/> entries, TimelineElided how many older ones it leaves out.
    /// Attributes are the answers to the category's questions (for example the water depth of a flood).
    /// </summary>
    public static ReportView From(ComplaintSnapshot s, bool forStaff = false) => new(
        s.Report.Id, s.Status.ToString(), s.Report.Category, s.Report.Agency, s.Report.Description, s.Report.Lat, s.Report.Lon,
        s.Report.ZoneCode, s.Report.Priority, s.Report.Photos, s.Report.Channel, s.OfficerId, s.DuplicateOf, s.Duplicates,
        s.ProofPhoto, s.Report.SubmittedAt, s.Report.SlaDueAt, s.UpdatedAt, s.Timeline,
        forStaff ? new ReporterView(s.Report.Reporter.UserId, s.Report.Reporter.Name, s.Report.Reporter.Contact) : null,
        s.DuplicateCount, s.TimelineElided, s.Report.Attributes ?? []);
}

/// <summary>Who filed a report (the account) and who reported it (name and contact: a caller's phone); staff only.</summary>
public sealed record ReporterView(string? UserId, string? Name, string? Contact);

/// <summary>One page of rows and the total across all pages.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long Total, int PageNumber, int PageSize);
