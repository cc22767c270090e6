using TangerangLive.Grains.Attendance;

namespace TangerangLive.Grains.Officers;

/// <summary>The officer's persisted state (state name "officer"), written on transitions and in batches.</summary>
[GenerateSerializer]
public sealed class OfficerState
{
    [Id(0)]
    public OfficerProfile? Profile { get; set; }

    [Id(1)]
    public DateTimeOffset RegisteredAt { get; set; }

    [Id(2)]
    public DateTimeOffset UpdatedAt { get; set; }

    [Id(3)]
    public OfficerDuty Duty { get; set; }

    [Id(4)]
    public bool Online { get; set; }

    [Id(5)]
    public GeoFix? LastFix { get; set; }

    [Id(6)]
    public string? ZoneCode { get; set; }

    [Id(7)]
    public OfficerAssignment? Assignment { get; set; }

    [Id(8)]
    public DateTimeOffset? ShiftStartedAt { get; set; }

    [Id(9)]
    public OnlineIntervalTracker Tracker { get; set; } = new();

    /// <summary>The last fix that passed the integrity checks, for the next check.</summary>
    [Id(10)]
    public FixTrack? Track { get; set; }

    /// <summary>
    /// Integrity flags not yet sealed into a closed day; null while there are none (most officers: an empty list per
    /// officer was 32 B of every officer's state). States stored with an empty list read back as they are.
    /// </summary>
    [Id(11)]
    public List<IntegrityFlag>? Flags { get; set; }

    /// <summary>The last attendance day sealed, and its hash (the next day chains to it).</summary>
    [Id(12)]
    public DateOnly? LastClosedDay { get; set; }

    [Id(13)]
    public string? LastHash { get; set; }

    /// <summary>
    /// Earlier versions registered a per-officer attendance reminder and set this; the reminder is removed at its next
    /// tick (sealing runs from the city's attendance closer now). Kept so stored states read back.
    /// </summary>
    [Id(14)]
    public bool AttendanceReminderSet { get; set; }
}
