using NetTopologySuite.Geometries;
using TangerangLive.Grains.City;

namespace TangerangLive.Grains.Matching;

/// <summary>
/// The in-memory index of the officers inside one zone, as a Zone grain holds it (or of the officers outside
/// every zone, as the outside index holds it, with no zone code): one bucket per
/// agency, each scanned linearly (a zone has tens to hundreds of officers per agency, so a scan of
/// precomputed plane coordinates beats any tree). Distances use the map's <see cref="LocalMetric"/>,
/// the same metric as zone distances. Not thread-safe: a grain is single-threaded.
/// </summary>
public sealed class OfficerRoster
{
    private readonly LocalMetric _metric;
    private readonly Dictionary<string, Slot> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Slot>> _byAgency = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _availableByAgency = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates an empty roster for one zone, or with a null code for the officers outside every zone.</summary>
    public OfficerRoster(string? zoneCode, LocalMetric metric)
    {
        if (zoneCode is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(zoneCode);
        }

        ArgumentNullException.ThrowIfNull(metric);
        ZoneCode = zoneCode;
        _metric = metric;
    }

    /// <summary>The zone this roster indexes; null for the officers outside every zone.</summary>
    public string? ZoneCode { get; }

    /// <summary>How many officers are in the roster.</summary>
    public int Count => _byId.Count;

    /// <summary>How many of them are available, kept as officers come, go and change availability.</summary>
    public int AvailableCount { get; private set; }

    /// <summary>
    /// Called, inside the change that caused it, when an agency's first officer here becomes available (true) or its last
    /// available one stops being so (false): what <see cref="Zones.ZoneAvailability"/> is kept from.
    /// </summary>
    public Action<string, bool>? AvailabilityChanged { get; set; }

    /// <summary>The agencies with at least one available officer here.</summary>
    public IEnumerable<string> AgenciesWithAvailable => _availableByAgency.Where(a => a.Value > 0).Select(a => a.Key);

    /// <summary>Officers in the roster per agency (the agency buckets' sizes: no scan).</summary>
    public IReadOnlyDictionary<string, int> CountByAgency() =>
        _byAgency.Where(b => b.Value.Count > 0).ToDictionary(b => b.Key, b => b.Value.Count, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every officer in the roster, in no particular order.</summary>
    public IEnumerable<OfficerPosition> Officers => _byId.Values.Select(s => s.ToPosition());

    /// <summary>The officer's entry, or null.</summary>
    public OfficerPosition? Get(string officerId) => _byId.GetValueOrDefault(officerId)?.ToPosition();

    /// <summary>Adds an officer or replaces its entry (position, agency, availability, last seen).</summary>
    public void Upsert(OfficerPosition officer)
    {
        ArgumentNullException.ThrowIfNull(officer);
        ArgumentException.ThrowIfNullOrWhiteSpace(officer.OfficerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(officer.Agency);
        if (!Geodesy.IsValid(officer.Lat, officer.Lon))
        {
            throw new ArgumentOutOfRangeException(nameof(officer), $"Officer {officer.OfficerId} has an invalid position ({officer.Lat}, {officer.Lon}).");
        }

        var plane = _metric.Project(officer.Lat, officer.Lon);
        if (_byId.TryGetValue(officer.OfficerId, out var slot) && string.Equals(slot.Agency, officer.Agency, StringComparison.OrdinalIgnoreCase))
        {
            var change = (officer.Available ? 1 : 0) - (slot.Available ? 1 : 0);
            AvailableCount += change;
            slot.Update(officer, plane);
            CountAvailable(officer.Agency, change);
            return;
        }

        Remove(officer.OfficerId);
        slot = new Slot(officer, plane);
        _byId.Add(officer.OfficerId, slot);
        AvailableCount += officer.Available ? 1 : 0;
        if (!_byAgency.TryGetValue(officer.Agency, out var bucket))
        {
            bucket = [];
            _byAgency.Add(officer.Agency, bucket);
        }

        slot.BucketIndex = bucket.Count;
        bucket.Add(slot);
        CountAvailable(officer.Agency, officer.Available ? 1 : 0);
    }

    /// <summary>Removes an officer; false when it was not here.</summary>
    public bool Remove(string officerId)
    {
        if (!_byId.Remove(officerId, out var slot))
        {
            return false;
        }

        AvailableCount -= slot.Available ? 1 : 0;
        var bucket = _byAgency[slot.Agency];
        var last = bucket[^1];
        bucket[slot.BucketIndex] = last;
        last.BucketIndex = slot.BucketIndex;
        bucket.RemoveAt(bucket.Count - 1);
        CountAvailable(slot.Agency, slot.Available ? -1 : 0);
        return true;
    }

    /// <summary>Keeps the agency's available count, and says when it crosses zero.</summary>
    private void CountAvailable(string agency, int change)
    {
        if (change == 0)
        {
            return;
        }

        var before = _availableByAgency.GetValueOrDefault(agency);
        var after = before + change;
        _availableByAgency[agency] = after;
        if ((before > 0) != (after > 0))
        {
            AvailabilityChanged?.Invoke(agency, after > 0);
        }
    }

    /// <summary>Removes every officer last seen before the cutoff and returns their last entries (officer id order).</summary>
    public IReadOnlyList<OfficerPosition> RemoveSilentSince(DateTime cutoffUtc)
    {
        var silent = _byId.Values.Where(s => s.LastSeenUtc < cutoffUtc).Select(s => s.ToPosition())
            .OrderBy(o => o.OfficerId, StringComparer.Ordinal).ToArray();
        foreach (var officer in silent)
        {
            Remove(officer.OfficerId);
        }

        return silent;
    }

    /// <summary>
    /// <see cref="Nearest(string, double, double, int, double)"/> without the excluded officers (those a report
    /// already tried): the k nearest of the others.
    /// </summary>
    public IReadOnlyList<MatchCandidate> Nearest(string agency, double lat, double lon, int k, double maxMetres, IReadOnlyCollection<string> exclude)
    {
        ArgumentNullException.ThrowIfNull(exclude);
        if (exclude.Count == 0)
        {
            return Nearest(agency, lat, lon, k, maxMetres);
        }

        var skip = exclude.ToHashSet(StringComparer.Ordinal);
        return Nearest(agency, lat, lon, k + skip.Count, maxMetres).Where(c => !skip.Contains(c.OfficerId)).Take(k).ToList();
    }

    /// <summary>
    /// The k nearest available officers of the agency within maxMetres (inclusive) of the point,
    /// ordered by (distance, officer id).
    /// </summary>
    public IReadOnlyList<MatchCandidate> Nearest(string agency, double lat, double lon, int k, double maxMetres)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (k == 0 || !_byAgency.TryGetValue(agency, out var bucket) || !Geodesy.IsValid(lat, lon))
        {
            return [];
        }

        var q = _metric.Project(lat, lon);
        var best = new TopK(k);
        foreach (var slot in bucket)
        {
            if (!slot.Available)
            {
                continue;
            }

            var d = LocalMetric.PlaneDistance(q.X, q.Y, slot.X, slot.Y);
            if (d <= maxMetres && best.Accepts(d, slot.OfficerId))
            {
                best.Add(new MatchCandidate(slot.OfficerId, ZoneCode, d));
            }
        }

        return best.ToList();
    }

    /// <summary>
    /// One officer's entry. Updated in place on every position: the message that carried the position dies young
    /// instead of being kept, so a heartbeat leaves no new object in the long-lived index (fewer survivors per
    /// gen0 collection and fewer old-to-young references for the collector to trace).
    /// </summary>
    private sealed class Slot(OfficerPosition position, Coordinate plane)
    {
        public string OfficerId { get; private set; } = position.OfficerId;

        public string Agency { get; private set; } = position.Agency;

        public double Lat { get; private set; } = position.Lat;

        public double Lon { get; private set; } = position.Lon;

        public bool Available { get; private set; } = position.Available;

        public DateTime LastSeenUtc { get; private set; } = position.LastSeenUtc;

        public double X { get; private set; } = plane.X;

        public double Y { get; private set; } = plane.Y;

        public int BucketIndex { get; set; }

        public void Update(OfficerPosition position, Coordinate plane)
        {
            // Same officer and agency (the caller checked): only the values that move are copied.
            (Lat, Lon, Available, LastSeenUtc) = (position.Lat, position.Lon, position.Available, position.LastSeenUtc);
            X = plane.X;
            Y = plane.Y;
        }

        public OfficerPosition ToPosition() => new(OfficerId, Agency, Lat, Lon, Available, LastSeenUtc);
    }
}
