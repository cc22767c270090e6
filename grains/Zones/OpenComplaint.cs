namespace TangerangLive.Grains.Zones;

/// <summary>An open report, as a zone remembers it for duplicate detection.</summary>
[GenerateSerializer, Immutable]
public sealed record OpenComplaint(
    [property: Id(0)] string ComplaintId,
    [property: Id(1)] string Category,
    [property: Id(2)] double Lat,
    [property: Id(3)] double Lon,
    [property: Id(4)] DateTimeOffset SubmittedAt);
