namespace TangerangLive.Grains.Live;

/// <summary>Something the Live Room shows. Kept small: ids, states and points, no geometry.</summary>
[GenerateSerializer, Immutable]
public abstract record LiveEvent([property: Id(0)] DateTimeOffset At);

/// <summary>A report changed: status, assignment, category or priority; Channel says how it reached the city.</summary>
[GenerateSerializer, Immutable]
public sealed record ComplaintChanged(
    DateTimeOffset At,
    [property: Id(1)] string ComplaintId,
    [property: Id(2)] string Status,
    [property: Id(3)] string Category,
    [property: Id(4)] string Agency,
    [property: Id(5)] string? ZoneCode,
    [property: Id(6)] double Lat,
    [property: Id(7)] double Lon,
    [property: Id(8)] string? OfficerId,
    [property: Id(9)] int Priority,
    [property: Id(10)] string Event,
    [property: Id(11)] string? Channel = null) : LiveEvent(At);

/// <summary>An officer moved.</summary>
[GenerateSerializer, Immutable]
public sealed record OfficerMoved(
    DateTimeOffset At,
    [property: Id(1)] string OfficerId,
    [property: Id(2)] string Agency,
    [property: Id(3)] string? ZoneCode,
    [property: Id(4)] double Lat,
    [property: Id(5)] double Lon) : LiveEvent(At);

/// <summary>An officer's duty or liveness changed.</summary>
[GenerateSerializer, Immutable]
public sealed record OfficerStatusChanged(
    DateTimeOffset At,
    [property: Id(1)] string OfficerId,
    [property: Id(2)] string Agency,
    [property: Id(3)] string? ZoneCode,
    [property: Id(4)] string Duty,
    [property: Id(5)] bool Online,
    [property: Id(6)] string? ComplaintId) : LiveEvent(At);

/// <summary>Something needs an operator: escalation, missed SLA, officer lost.</summary>
[GenerateSerializer, Immutable]
public sealed record OperatorAlert(
    DateTimeOffset At,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Message,
    [property: Id(3)] string? ComplaintId,
    [property: Id(4)] string? OfficerId,
    [property: Id(5)] string? ZoneCode) : LiveEvent(At);

/// <summary>An officer's own assignment push (offer, withdrawal).</summary>
[GenerateSerializer, Immutable]
public sealed record AssignmentPushed(
    DateTimeOffset At,
    [property: Id(1)] string OfficerId,
    [property: Id(2)] string ComplaintId,
    [property: Id(3)] string Kind,
    [property: Id(4)] string Category,
    [property: Id(5)] double Lat,
    [property: Id(6)] double Lon,
    [property: Id(7)] DateTimeOffset? AckDeadline,
    [property: Id(8)] string? Reason) : LiveEvent(At);

/// <summary>A zone's counters changed (published at most once per sweep period per zone).</summary>
[GenerateSerializer, Immutable]
public sealed record ZoneCountersChanged(
    DateTimeOffset At,
    [property: Id(1)] string ZoneCode,
    [property: Id(2)] int OfficersOnline,
    [property: Id(3)] int OfficersAvailable,
    [property: Id(4)] int OpenComplaints,
    [property: Id(5)] IReadOnlyDictionary<string, int> OnlineByAgency) : LiveEvent(At);
