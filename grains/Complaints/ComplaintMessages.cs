namespace TangerangLive.Grains.Complaints;

/// <summary>Who reported.</summary>
[GenerateSerializer, Immutable]
public sealed record Reporter(
    [property: Id(0)] string? UserId,
    [property: Id(1)] string? Name,
    [property: Id(2)] string? Contact);

/// <summary>A citizen's report as the intake accepted it.</summary>
[GenerateSerializer, Immutable]
public sealed record ComplaintSubmission(
    [property: Id(0)] string Category,
    [property: Id(1)] string Description,
    [property: Id(2)] double Lat,
    [property: Id(3)] double Lon,
    [property: Id(4)] IReadOnlyList<string> Photos,
    [property: Id(5)] Reporter Reporter,
    [property: Id(6)] string Channel,
    [property: Id(7)] string Fingerprint,
    [property: Id(8)] PriorityOverride? PriorityOverride = null,
    [property: Id(9)] IReadOnlyList<AttributeAnswer>? Attributes = null);

/// <summary>The answer to one of the category's attributes (several values only for a multi-value list).</summary>
[GenerateSerializer, Immutable]
public sealed record AttributeAnswer(
    [property: Id(0)] string Code,
    [property: Id(1)] IReadOnlyList<string> Values);

/// <summary>A priority set at intake instead of the category's (1 highest to 4 lowest), and why.</summary>
[GenerateSerializer, Immutable]
public sealed record PriorityOverride(
    [property: Id(0)] int Priority,
    [property: Id(1)] string Reason);

/// <summary>The stored report.</summary>
[GenerateSerializer, Immutable]
public sealed record ComplaintReport(
    [property: Id(0)] string Id,
    [property: Id(1)] string Category,
    [property: Id(2)] string Agency,
    [property: Id(3)] string Description,
    [property: Id(4)] double Lat,
    [property: Id(5)] double Lon,
    [property: Id(6)] string ZoneCode,
    [property: Id(7)] IReadOnlyList<string> Photos,
    [property: Id(8)] Reporter Reporter,
    [property: Id(9)] string Channel,
    [property: Id(10)] int Priority,
    [property: Id(11)] DateTimeOffset SubmittedAt,
    [property: Id(12)] DateTimeOffset SlaDueAt,
    [property: Id(13)] IReadOnlyList<AttributeAnswer>? Attributes = null);

/// <summary>One line of a report's history: what happened, when, by whom, why.</summary>
[GenerateSerializer, Immutable]
public sealed record TimelineEntry(
    [property: Id(0)] int Seq,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Actor,
    [property: Id(4)] string? Reason,
    [property: Id(5)] string? OfficerId,
    [property: Id(6)] string? Detail);

/// <summary>An open offer to an officer.</summary>
[GenerateSerializer, Immutable]
public sealed record OpenOffer(
    [property: Id(0)] int Seq,
    [property: Id(1)] string OfficerId,
    [property: Id(2)] DateTimeOffset OfferedAt,
    [property: Id(3)] DateTimeOffset Deadline,
    [property: Id(4)] double? DistanceMetres,
    [property: Id(5)] string OfferedBy);

/// <summary>Who asks for an override, and why.</summary>
[GenerateSerializer, Immutable]
public sealed record OperatorAction(
    [property: Id(0)] string Actor,
    [property: Id(1)] string? Reason);

/// <summary>A report as the outside world sees it.</summary>
[GenerateSerializer, Immutable]
public sealed record ComplaintSnapshot(
    [property: Id(0)] ComplaintReport Report,
    [property: Id(1)] ComplaintStatus Status,
    [property: Id(2)] string? OfficerId,
    [property: Id(3)] OpenOffer? Offer,
    [property: Id(4)] int Attempts,
    [property: Id(5)] IReadOnlyList<TimelineEntry> Timeline,
    [property: Id(6)] string? DuplicateOf,
    [property: Id(7)] IReadOnlyList<string> Duplicates,
    [property: Id(8)] string? ProofPhoto,
    [property: Id(9)] int Version,
    [property: Id(10)] DateTimeOffset UpdatedAt,
    [property: Id(11)] int DuplicatesUnlisted = 0,
    [property: Id(12)] int TimelineElided = 0)
{
    /// <summary>Every duplicate linked to this report, listed or not.</summary>
    public int DuplicateCount => Duplicates.Count + DuplicatesUnlisted;
}

/// <summary>What submitting did.</summary>
public enum SubmitOutcomeKind
{
    Created,
    Replayed,
    Conflict,
    Rejected,
}

/// <summary>The result of a submission.</summary>
[GenerateSerializer, Immutable]
public sealed record SubmitOutcome(
    [property: Id(0)] SubmitOutcomeKind Kind,
    [property: Id(1)] ComplaintSnapshot? Complaint,
    [property: Id(2)] string? Error);

/// <summary>The result of a command on a report.</summary>
[GenerateSerializer, Immutable]
public sealed record ComplaintCommandResult(
    [property: Id(0)] bool Ok,
    [property: Id(1)] string? Error,
    [property: Id(2)] ComplaintSnapshot? Complaint)
{
    public static ComplaintCommandResult Refused(string error, ComplaintSnapshot? complaint = null) => new(false, error, complaint);
}

/// <summary>An officer recommended for a report, with its zone (null: its last fix is outside every zone).</summary>
[GenerateSerializer, Immutable]
public sealed record Recommendation(
    [property: Id(0)] string OfficerId,
    [property: Id(1)] string? ZoneCode,
    [property: Id(2)] double DistanceMetres);
