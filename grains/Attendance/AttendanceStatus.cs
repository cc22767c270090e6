using Orleans;

namespace TangerangLive.Grains.Attendance;

/// <summary>A day's attendance verdict.</summary>
[GenerateSerializer]
public enum AttendanceStatus
{
    /// <summary>Online for less than the partial threshold of the shift.</summary>
    Absent,

    /// <summary>Online for at least the partial threshold but less than the present threshold.</summary>
    Partial,

    /// <summary>Online for at least the present threshold of the shift.</summary>
    Present,
}
