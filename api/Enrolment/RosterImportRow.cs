using TangerangLive.Api.Admin;

namespace TangerangLive.Api.Enrolment;

/// <summary>
/// One officer of an import, with where it came from: <see cref="Place"/> is how errors name it
/// ("line 12" for row 12 of a spreadsheet, header = line 1; "officers[3]" for JSON).
/// </summary>
public sealed record RosterImportRow(string Place, string OfficerId, OfficerRequest Officer)
{
    /// <summary>The error key for a field of this row: "line 12: agency", "officers[3].agency".</summary>
    public string Field(string column) => Place.StartsWith("line ", StringComparison.Ordinal)
        ? $"{Place}: {column}"
        : $"{Place}.{column switch { "officer_id" => "officerId", "device_ids" => "deviceIds", _ => column }}";
}

/// <summary>The JSON form of an import.</summary>
public sealed record RosterImportRequest(IReadOnlyList<RosterImportOfficer?>? Officers);

/// <summary>One officer in the JSON form of an import.</summary>
public sealed record RosterImportOfficer(string? OfficerId, string? Name, string? Agency, string? Team, string? Shift, IReadOnlyList<string>? DeviceIds, bool? Active);

/// <summary>What an import stored, and each officer's tracking device id and new device credential (shown once).</summary>
public sealed record RosterImportResult(int Imported, int Created, int Updated, IReadOnlyList<EnrolledOfficer> Officers);

/// <summary>An enrolled officer: the generated tracking device id (OsmAnd / Traccar Client) and the SIGAP app's credential.</summary>
public sealed record EnrolledOfficer(string OfficerId, string TrackingDeviceId, string? DeviceCredential);
