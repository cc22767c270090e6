namespace TangerangLive.Api.Live;

/// <summary>What the Live Room page needs to know about the city: names, colours, time zone, categories.</summary>
public sealed record LiveRoomCity(
    string Id,
    string Name,
    string TimeZone,
    string TileUrl,
    string TileAttribution,
    IReadOnlyList<LiveRoomAgency> Agencies,
    IReadOnlyList<LiveRoomCategory> Categories);

public sealed record LiveRoomAgency(string Code, string Name, string FullName, string Color);

public sealed record LiveRoomCategory(string Code, string Name, string Agency, int Priority, int AckDeadlineSeconds, int SlaMinutes);

/// <summary>
/// The figures of the day (the city's calendar day): reports open, held by an officer, escalated, received
/// and resolved today, median seconds from submission to acknowledgement and to resolution (null when none
/// today), and reports received per hour of the city's day (24 values).
/// </summary>
public sealed record LiveRoomFigures(
    DateTimeOffset Day,
    long Open,
    long Dispatched,
    long Escalated,
    long ReceivedToday,
    long ResolvedToday,
    double? MedianAckSeconds,
    double? MedianResolveSeconds,
    IReadOnlyList<long> ReportsPerHour);

/// <summary>The attendance board in counts: per agency and per zone (zones list only who is or was there today).</summary>
public sealed record LiveRoomAttendance(DateTimeOffset Day, IReadOnlyList<AttendanceCount> ByAgency, IReadOnlyList<AttendanceCount> ByZone);

/// <summary>Officers online now, offline (heard today, not now) and absent (not heard today) for one agency or zone.</summary>
public sealed record AttendanceCount(string Key, long Online, long Offline, long Absent);
