using TangerangLive.Grains.Complaints;

namespace TangerangLive.Api.Open311;

/// <summary>
/// Our statuses in Open311 words: open or closed with a status note, FixMyStreet's richer statuses for
/// the update feed, and which timeline events are public (no internal notes, offers or refusals).
/// </summary>
public static class Open311Status
{
    public const string Open = "open";
    public const string Closed = "closed";

    /// <summary>Timeline kinds shown as notes and in the update feed.</summary>
    public static IReadOnlyList<string> PublicKinds { get; } =
        ["received", "assigned", "acknowledged", "en-route", "on-scene", "escalated", "redispatch", "resolved", "duplicate", "cancelled"];

    public static IReadOnlyList<string> OpenStatuses { get; } =
        Enum.GetValues<ComplaintStatus>().Where(s => !s.IsClosed()).Select(s => s.ToString()).ToList();

    public static IReadOnlyList<string> ClosedStatuses { get; } =
        Enum.GetValues<ComplaintStatus>().Where(s => s.IsClosed()).Select(s => s.ToString()).ToList();

    public static string OpenOrClosed(string status) =>
        Enum.TryParse<ComplaintStatus>(status, out var parsed) && parsed.IsClosed() ? Closed : Open;

    public static string Notes(Open311Row row) => row.Status switch
    {
        nameof(ComplaintStatus.Received) or nameof(ComplaintStatus.Dispatching) => "Received; finding the nearest field officer.",
        nameof(ComplaintStatus.Queued) => "Received; waiting for the command centre to dispatch it.",
        nameof(ComplaintStatus.Offered) => "Offered to a field officer.",
        nameof(ComplaintStatus.Acknowledged) => "A field officer has taken it.",
        nameof(ComplaintStatus.EnRoute) => "A field officer is on the way.",
        nameof(ComplaintStatus.OnScene) => "A field officer is on site.",
        nameof(ComplaintStatus.Escalated) => "With the command centre's operators.",
        nameof(ComplaintStatus.Resolved) => row.ClosingReason is { Length: > 0 } note ? $"Resolved: {note}" : "Resolved.",
        nameof(ComplaintStatus.Duplicate) => $"Duplicate of {row.DuplicateOf}.",
        nameof(ComplaintStatus.Cancelled) => row.ClosingReason is { Length: > 0 } reason ? $"Cancelled: {reason}" : "Cancelled.",
        _ => row.Status,
    };

    /// <summary>FixMyStreet's status after an event of this kind.</summary>
    public static string FixMyStreetStatus(string kind) => kind switch
    {
        "received" => "OPEN",
        "escalated" or "redispatch" => "INVESTIGATING",
        "resolved" => "FIXED",
        "duplicate" => "DUPLICATE",
        "cancelled" => "NO_FURTHER_ACTION",
        _ => "IN_PROGRESS",
    };

    /// <summary>What an event says in public: its reason, or a sentence for the kind.</summary>
    public static string Describe(Open311Event e) => e.Kind switch
    {
        "received" => "Report received.",
        "assigned" => "Assigned to a field officer.",
        "acknowledged" => "A field officer has taken the report.",
        "en-route" => "A field officer is on the way.",
        "on-scene" => "A field officer is on site.",
        "escalated" => "Passed to the command centre's operators.",
        "redispatch" => "Sent out again to the nearest field officer.",
        "resolved" => e.Reason is { Length: > 0 } note ? $"Resolved: {note}" : "Resolved.",
        "duplicate" => "Linked to an earlier report of the same problem.",
        "cancelled" => e.Reason is { Length: > 0 } reason ? $"Cancelled: {reason}" : "Cancelled.",
        _ => e.Kind,
    };
}
