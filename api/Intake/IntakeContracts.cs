namespace TangerangLive.Api.Intake;

/// <summary>A point picked on the map.</summary>
public sealed record IntakePoint(double? Lat, double? Lon);

/// <summary>
/// A report an operator enters for a caller (call centre, 112) or a text message (sms). The place is one of:
/// a map point, a kelurahan name, or an address text in which a kelurahan is named. A priority replaces the
/// category's and needs a reason.
/// </summary>
public sealed record OperatorIntakeRequest(
    string? Channel,
    string? CallerName,
    string? CallerPhone,
    string? Category,
    string? Description,
    IntakePoint? Location,
    string? Kelurahan,
    string? Address,
    int? Priority,
    string? PriorityReason);

/// <summary>Where an intake put the report, and from what: "point", "kelurahan" or "address".</summary>
public sealed record IntakePlace(string ResolvedFrom, string ZoneCode, string ZoneName, double Lat, double Lon);

/// <summary>The answer to an intake: the tracking id to read back to the caller, and where the report was put.</summary>
public sealed record IntakeAccepted(string Id, string TrackingId, string Status, string Channel, string TrackingUrl, bool Replayed, IntakePlace Place);
