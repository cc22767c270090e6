namespace TangerangLive.Grains.Matching;

/// <summary>
/// Keeps the best k candidates in (distance, officer id) order: a sorted buffer with insertion,
/// which is the fastest shape for the small k a dispatcher asks for.
/// </summary>
internal sealed class TopK(int k)
{
    private readonly List<MatchCandidate> _items = new(Math.Min(k, 64));

    public int Count => _items.Count;

    public bool IsFull => _items.Count >= k;

    /// <summary>The k-th best distance once full; otherwise +∞.</summary>
    public double WorstDistance => IsFull ? _items[^1].DistanceMetres : double.PositiveInfinity;

    /// <summary>True when a candidate at this distance and id would enter the top k.</summary>
    public bool Accepts(double distance, string officerId)
    {
        if (!IsFull)
        {
            return true;
        }

        var worst = _items[^1];
        return distance < worst.DistanceMetres
            || (distance == worst.DistanceMetres && string.CompareOrdinal(officerId, worst.OfficerId) < 0);
    }

    public void Add(MatchCandidate candidate)
    {
        if (!Accepts(candidate.DistanceMetres, candidate.OfficerId))
        {
            return;
        }

        var at = _items.BinarySearch(candidate, MatchCandidate.Order);
        _items.Insert(at < 0 ? ~at : at, candidate);
        if (_items.Count > k)
        {
            _items.RemoveAt(_items.Count - 1);
        }
    }

    public IReadOnlyList<MatchCandidate> ToList() => _items.ToArray();
}
