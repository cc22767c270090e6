using Orleans;

namespace TangerangLive.Grains.Matching;

/// <summary>The k nearest officers, ordered by (distance, officer id), and how many zones were asked.</summary>
[GenerateSerializer, Immutable]
public sealed record NearestOfficerResult(
    [property: Id(0)] IReadOnlyList<MatchCandidate> Candidates,
    [property: Id(1)] int ZonesVisited);
