namespace TangerangLive.Grains.Complaints;

/// <summary>Where a report stands.</summary>
public enum ComplaintStatus
{
    /// <summary>Stored, not yet dispatched.</summary>
    Received,

    /// <summary>Looking for the nearest available officer.</summary>
    Dispatching,

    /// <summary>Automatic dispatch is paused for its category or zone; waiting.</summary>
    Queued,

    /// <summary>Offered to an officer who must acknowledge before the deadline.</summary>
    Offered,

    /// <summary>The officer took it.</summary>
    Acknowledged,

    /// <summary>The officer is on the way.</summary>
    EnRoute,

    /// <summary>The officer is there.</summary>
    OnScene,

    /// <summary>Done, with a proof photo.</summary>
    Resolved,

    /// <summary>In the operators' queue: nobody found, attempts used up, or handed back.</summary>
    Escalated,

    /// <summary>Linked to an earlier report of the same thing.</summary>
    Duplicate,

    /// <summary>Withdrawn by an operator.</summary>
    Cancelled,
}

public static class ComplaintStatusExtensions
{
    public static bool IsClosed(this ComplaintStatus status) =>
        status is ComplaintStatus.Resolved or ComplaintStatus.Duplicate or ComplaintStatus.Cancelled;

    /// <summary>An officer holds the report.</summary>
    public static bool IsHeld(this ComplaintStatus status) =>
        status is ComplaintStatus.Offered or ComplaintStatus.Acknowledged or ComplaintStatus.EnRoute or ComplaintStatus.OnScene;
}
