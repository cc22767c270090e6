using Orleans;

namespace TangerangLive.Grains.Matching;

/// <summary>
/// An officer offered for a report, with the zone it was found in (null: found in the index of officers outside
/// every zone) and its distance in metres.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MatchCandidate(
    [property: Id(0)] string OfficerId,
    [property: Id(1)] string? ZoneCode,
    [property: Id(2)] double DistanceMetres)
{
    /// <summary>The order of candidates everywhere: distance, then officer id (ordinal).</summary>
    public static IComparer<MatchCandidate> Order { get; } = Comparer<MatchCandidate>.Create(Compare);

    /// <summary>Compares by distance, then officer id (ordinal).</summary>
    public static int Compare(MatchCandidate? x, MatchCandidate? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var byDistance = x.DistanceMetres.CompareTo(y.DistanceMetres);
        return byDistance != 0 ? byDistance : string.CompareOrdinal(x.OfficerId, y.OfficerId);
    }
}
