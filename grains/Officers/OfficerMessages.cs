namespace TangerangLive.Grains.Officers;

/// <summary>A location heartbeat from the officer's phone; <see cref="Mock"/> when the phone says the fix came from a mock-location app.</summary>
[GenerateSerializer, Immutable]
public sealed record PositionReport(
    [property: Id(0)] double Lat,
    [property: Id(1)] double Lon,
    [property: Id(2)] DateTimeOffset DeviceTime,
    [property: Id(3)] double? AccuracyMetres = null,
    [property: Id(4)] double? SpeedKmh = null,
    [property: Id(5)] double? BatteryPercent = null,
    [property: Id(6)] bool Mock = false);

/// <summary>
/// What the engine made of a heartbeat. <see cref="Accepted"/> is false when the position was not used
/// (an implausible fix, or an officer not on the roster); the flags say why.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PositionAck(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] string? ZoneCode,
    [property: Id(2)] IReadOnlyList<string> Flags)
{
    public const string NotRegistered = "not-registered";

    /// <summary>The officer is on the roster (the heartbeat counted for liveness).</summary>
    public bool OnRoster => !Flags.Contains(NotRegistered);
}

/// <summary>The report an officer is working on.</summary>
[GenerateSerializer, Immutable]
public sealed record OfficerAssignment(
    [property: Id(0)] string ComplaintId,
    [property: Id(1)] OfficerDuty Stage,
    [property: Id(2)] DateTimeOffset Since,
    [property: Id(3)] DateTimeOffset? AckDeadline);

/// <summary>A report offered to an officer by the dispatcher or an operator.</summary>
[GenerateSerializer, Immutable]
public sealed record AssignmentOffer(
    [property: Id(0)] string ComplaintId,
    [property: Id(1)] string Agency,
    [property: Id(2)] string Category,
    [property: Id(3)] double Lat,
    [property: Id(4)] double Lon,
    [property: Id(5)] DateTimeOffset AckDeadline,
    [property: Id(6)] bool Preempt = false);

/// <summary>The officer's answer to an offer, decided in one turn.</summary>
[GenerateSerializer, Immutable]
public sealed record OfferResponse(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] string? Reason,
    [property: Id(2)] string? PreemptedComplaintId = null)
{
    public static OfferResponse Refused(string reason) => new(false, reason);
}

/// <summary>Success, or the reason a command was refused.</summary>
[GenerateSerializer, Immutable]
public sealed record CommandResult([property: Id(0)] bool Ok, [property: Id(1)] string? Error)
{
    public static CommandResult Success { get; } = new(true, null);

    public static CommandResult Refused(string reason) => new(false, reason);
}

/// <summary>A last known position.</summary>
[GenerateSerializer, Immutable]
public readonly record struct GeoFix(
    [property: Id(0)] double Lat,
    [property: Id(1)] double Lon,
    [property: Id(2)] DateTimeOffset At);
