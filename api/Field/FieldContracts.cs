using TangerangLive.Api.Reports;
using TangerangLive.Grains.Officers;

namespace TangerangLive.Api.Field;

/// <summary>One position from the SIGAP app. Speed in km/h, accuracy in metres, battery in percent.</summary>
public sealed record HeartbeatRequest(
    double? Lat,
    double? Lon,
    DateTimeOffset? DeviceTime,
    double? Accuracy,
    double? Speed,
    double? Battery,
    string? OfficerId = null);

/// <summary>Positions collected while the phone was offline, oldest first (at most 100).</summary>
public sealed record HeartbeatBatch(IReadOnlyList<HeartbeatRequest>? Positions, string? OfficerId = null);

/// <summary>What the engine made of one or more positions.</summary>
public sealed record HeartbeatResult(int Accepted, string? ZoneCode, IReadOnlyList<string> Flags);

/// <summary>The officer's current work, if any.</summary>
public sealed record MyAssignment(OfficerAssignment? Assignment, ReportView? Report);

/// <summary>Why an officer refuses a report.</summary>
public sealed record RefuseRequest(string? Reason);

/// <summary>Success or the reason a duty command was refused.</summary>
public sealed record DutyResult(string OfficerId, string Duty, bool Online);
