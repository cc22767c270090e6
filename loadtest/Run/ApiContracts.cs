namespace TangerangLive.LoadTest.Run;

// The parts of the public API's JSON the load tester reads (its own records: it drives the API as an app would).

internal sealed record TokenAnswer(string AccessToken, DateTimeOffset ExpiresAt, string? OfficerId);

internal sealed record AgencyInfo(string Code, bool Dispatches);

internal sealed record CategoryInfo(string Code, string Agency, int AckDeadlineSeconds, double MaxRadiusMetres);

internal sealed record ImportAnswer(int Imported, IReadOnlyList<ImportedOfficer> Officers);

internal sealed record ImportedOfficer(string OfficerId, string? TrackingDeviceId, string? DeviceCredential);

internal sealed record ReportAnswer(string Id, string Status, bool Replayed);

internal sealed record TimelineItem(DateTimeOffset At, string Kind, string? OfficerId);

internal sealed record ReportDetail(string Id, string Status, string Agency, string? OfficerId, DateTimeOffset UpdatedAt, IReadOnlyList<TimelineItem> Timeline);

internal sealed record ReportRowAnswer(string Id, string Status);

internal sealed record PageAnswer(IReadOnlyList<ReportRowAnswer> Items, long Total, int PageNumber, int PageSize);

internal sealed record RecommendationAnswer(string OfficerId, double DistanceMetres);

internal sealed record AssignmentAnswer(string ComplaintId, string Stage);

internal sealed record OfficerAnswer(string Duty, bool Online, AssignmentAnswer? Assignment);


/// <summary>The officer hub's push (AssignmentPushed): an offer or a withdrawal.</summary>
internal sealed record AssignmentPush(DateTimeOffset At, string OfficerId, string ComplaintId, string Kind, string Category, double Lat, double Lon, DateTimeOffset? AckDeadline, string? Reason);

internal sealed record HubAnswer(bool Ok, string? Error, string? Status);
