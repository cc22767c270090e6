namespace TangerangLive.Grains.Officers;

/// <summary>What the outside world may see of an officer.</summary>
[GenerateSerializer, Immutable]
public sealed record OfficerSnapshot(
    [property: Id(0)] OfficerProfile Profile,
    [property: Id(1)] DateTimeOffset RegisteredAt,
    [property: Id(2)] DateTimeOffset UpdatedAt,
    [property: Id(3)] OfficerDuty Duty = OfficerDuty.OffDuty,
    [property: Id(4)] bool Online = false,
    [property: Id(5)] GeoFix? LastFix = null,
    [property: Id(6)] string? ZoneCode = null,
    [property: Id(7)] OfficerAssignment? Assignment = null,
    [property: Id(8)] DateTimeOffset? ShiftStartedAt = null,
    [property: Id(9)] IReadOnlyList<Attendance.IntegrityFlag>? OpenFlags = null,
    [property: Id(10)] DateOnly? LastClosedDay = null)
{
    /// <summary>Can take a report now.</summary>
    public bool Matchable => Profile.Active && Online && Duty == OfficerDuty.Available;
}
