using TangerangLive.Grains.Matching;

namespace TangerangLive.Grains.Zones;

/// <summary>A zone's live counters and roster.</summary>
[GenerateSerializer, Immutable]
public sealed record ZoneStatus(
    [property: Id(0)] string ZoneCode,
    [property: Id(1)] int OfficersOnline,
    [property: Id(2)] int OfficersAvailable,
    [property: Id(3)] int OpenComplaints,
    [property: Id(4)] IReadOnlyDictionary<string, int> OnlineByAgency,
    [property: Id(5)] IReadOnlyList<OfficerPosition> Officers);
