using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace TangerangLive.Grains.City;

/// <summary>
/// The city's zones, indexed for point location and distance. All geometry work happens in the
/// plane of <see cref="Metric"/> (see <see cref="LocalMetric"/>), so zone distances and officer
/// distances share one metric. A point on a shared edge belongs to the first zone in code order.
/// </summary>
public sealed class ZoneMap
{
    private readonly IndexedZone[] _zones;
    private readonly Dictionary<string, Zone> _byCode;
    private readonly STRtree<int> _index = new();

    /// <summary>
    /// Builds the map. Without a metric, the projection is centred on the middle of the zones'
    /// bounding box.
    /// </summary>
    public ZoneMap(IEnumerable<Zone> zones, LocalMetric? metric = null)
    {
        ArgumentNullException.ThrowIfNull(zones);
        var ordered = zones.OrderBy(z => z.Code, StringComparer.Ordinal).ToArray();
        if (ordered.Length == 0)
        {
            throw new ArgumentException("A zone map needs at least one zone.", nameof(zones));
        }

        _byCode = new Dictionary<string, Zone>(StringComparer.Ordinal);
        foreach (var zone in ordered)
        {
            if (!_byCode.TryAdd(zone.Code, zone))
            {
                throw new ArgumentException($"Duplicate zone code '{zone.Code}'.", nameof(zones));
            }
        }

        var envelope = new Envelope();
        foreach (var zone in ordered)
        {
            envelope.ExpandToInclude(zone.Boundary.EnvelopeInternal);
        }

        Metric = metric ?? new LocalMetric(envelope.Centre.Y, envelope.Centre.X);
        GeographicBounds = new GeoBounds(envelope.MinY, envelope.MinX, envelope.MaxY, envelope.MaxX);
        _zones = ordered.Select(z => new IndexedZone(z, Metric.Project(z.Boundary))).ToArray();
        for (var i = 0; i < _zones.Length; i++)
        {
            _index.Insert(_zones[i].Plane.EnvelopeInternal, i);
            _zones[i].WarmUp();
        }

        _index.Build();
        All = ordered;
    }

    /// <summary>The metric every distance of this map is measured in.</summary>
    public LocalMetric Metric { get; }

    /// <summary>Every zone, ordered by code.</summary>
    public IReadOnlyList<Zone> All { get; }

    /// <summary>The bounding box of all zones.</summary>
    public GeoBounds GeographicBounds { get; }

    /// <summary>The zone with this code, or null.</summary>
    public Zone? Get(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>The zone containing the point, or null when the point is outside the city.</summary>
    public Zone? FindZone(double lat, double lon)
    {
        if (!Geodesy.IsValid(lat, lon))
        {
            return null;
        }

        var p = Metric.Project(lat, lon);
        var point = Factory.CreatePoint(p);
        Zone? found = null;
        var bestIndex = int.MaxValue;
        foreach (var i in _index.Query(new Envelope(p)))
        {
            if (i < bestIndex && _zones[i].Prepared.Covers(point))
            {
                bestIndex = i;
                found = _zones[i].Zone;
            }
        }

        return found;
    }

    /// <summary>True when the point is inside some zone.</summary>
    public bool Contains(double lat, double lon) => FindZone(lat, lon) is not null;

    /// <summary>
    /// Every zone with the distance in metres from the point to its polygon (0 for a zone that
    /// contains the point), nearest first; ties are broken by zone code.
    /// </summary>
    /// <summary>
    /// The same order as <see cref="ZonesByDistance"/>, produced lazily: each zone's bounding box gives a
    /// cheap lower bound, and a polygon distance is only computed when its zone reaches the front of the
    /// queue. A search that stops after a few zones measures only a few polygons.
    /// </summary>
    public IEnumerable<ZoneDistance> ZonesInDistanceOrder(double lat, double lon)
    {
        if (!Geodesy.IsValid(lat, lon))
        {
            throw new ArgumentOutOfRangeException(nameof(lat), $"({lat}, {lon}) is not a WGS84 point.");
        }

        var p = Metric.Project(lat, lon);
        var queue = new PriorityQueue<(int Index, bool Exact), (double Distance, int Index)>(_zones.Length);
        for (var i = 0; i < _zones.Length; i++)
        {
            queue.Enqueue((i, false), (_zones[i].Edges.BoxDistance(p.X, p.Y), i));
        }

        while (queue.TryDequeue(out var entry, out var key))
        {
            if (entry.Exact)
            {
                yield return new ZoneDistance(_zones[entry.Index].Zone, key.Distance);
            }
            else
            {
                queue.Enqueue((entry.Index, true), (_zones[entry.Index].Edges.DistanceTo(p.X, p.Y), entry.Index));
            }
        }
    }

    public IReadOnlyList<ZoneDistance> ZonesByDistance(double lat, double lon)
    {
        if (!Geodesy.IsValid(lat, lon))
        {
            throw new ArgumentOutOfRangeException(nameof(lat), $"({lat}, {lon}) is not a WGS84 point.");
        }

        var p = Metric.Project(lat, lon);
        var result = new ZoneDistance[_zones.Length];
        for (var i = 0; i < _zones.Length; i++)
        {
            result[i] = new ZoneDistance(_zones[i].Zone, _zones[i].Edges.DistanceTo(p.X, p.Y));
        }

        // The array is in code order, and the sort is stable: equal distances stay in code order.
        return result.OrderBy(z => z.DistanceMetres).ToArray();
    }

    /// <summary>The distance in metres from the point to one zone's polygon (0 inside).</summary>
    public double DistanceToZone(string code, double lat, double lon)
    {
        var i = Array.FindIndex(_zones, z => z.Zone.Code == code);
        if (i < 0)
        {
            throw new KeyNotFoundException($"Unknown zone '{code}'.");
        }

        var p = Metric.Project(lat, lon);
        return _zones[i].Edges.DistanceTo(p.X, p.Y);
    }

    /// <summary>The zones as a GeoJSON FeatureCollection with code, name and kecamatan properties.</summary>
    public string ToGeoJson() => ZoneGeoJson.Write(All);

    private static GeometryFactory Factory { get; } = new();

    private sealed class IndexedZone(Zone zone, Geometry plane)
    {
        /// <summary>The boundary's edges, for the distance from a point (see <see cref="ZoneEdges"/>).</summary>
        public ZoneEdges Edges { get; } = new(plane);

        public Zone Zone { get; } = zone;

        public Geometry Plane { get; } = plane;

        public IPreparedGeometry Prepared { get; } = PreparedGeometryFactory.Prepare(plane);

        /// <summary>Builds the lazy indexes now, so that later reads from many threads only read.</summary>
        public void WarmUp()
        {
            var envelope = Plane.EnvelopeInternal;
            _ = Prepared.Covers(Factory.CreatePoint(envelope.Centre));
            _ = Prepared.Covers(Factory.CreatePoint(new Coordinate(envelope.MaxX + 1, envelope.MaxY + 1)));
        }
    }
}
