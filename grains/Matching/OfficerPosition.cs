using Orleans;

namespace TangerangLive.Grains.Matching;

/// <summary>What a zone knows about one on-duty officer inside it.</summary>
[GenerateSerializer, Immutable]
public sealed record OfficerPosition(
    [property: Id(0)] string OfficerId,
    [property: Id(1)] string Agency,
    [property: Id(2)] double Lat,
    [property: Id(3)] double Lon,
    [property: Id(4)] bool Available,
    [property: Id(5)] DateTime LastSeenUtc);
