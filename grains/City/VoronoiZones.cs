using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Union;
using NetTopologySuite.Triangulate;

namespace TangerangLive.Grains.City;

/// <summary>
/// Zones from facts alone: the Voronoi cell of each centroid (computed in the metric plane, so a
/// point belongs to the nearest centroid in metres) clipped to an outline made of the union of the
/// zones' bounding boxes.
/// </summary>
internal static class VoronoiZones
{
    public static IReadOnlyList<Zone> Build(IReadOnlyList<ZoneFact> facts, LocalMetric metric)
    {
        if (facts.Count == 0)
        {
            throw new ArgumentException("At least one zone fact is needed.", nameof(facts));
        }

        var factory = new GeometryFactory();
        var outline = Outline(facts, metric, factory);
        var sites = new Dictionary<Coordinate, ZoneFact>();
        foreach (var fact in facts)
        {
            if (!sites.TryAdd(metric.Project(fact.CentroidLat, fact.CentroidLon), fact))
            {
                throw new ArgumentException($"Zone '{fact.Code}' has the same centroid as '{sites[metric.Project(fact.CentroidLat, fact.CentroidLon)].Code}'.", nameof(facts));
            }
        }

        var zones = new List<Zone>(facts.Count);
        if (facts.Count == 1)
        {
            zones.Add(ToZone(facts[0], outline, metric));
            return zones;
        }

        var builder = new VoronoiDiagramBuilder();
        builder.SetSites(sites.Keys.ToList());
        var clip = new Envelope(outline.EnvelopeInternal);
        clip.ExpandBy(Math.Max(clip.Width, clip.Height));
        builder.ClipEnvelope = clip;
        var diagram = builder.GetDiagram(factory);
        for (var i = 0; i < diagram.NumGeometries; i++)
        {
            var cell = diagram.GetGeometryN(i);
            var site = (Coordinate)cell.UserData;
            var clipped = cell.Intersection(outline);
            if (!clipped.IsEmpty)
            {
                zones.Add(ToZone(sites[site], clipped, metric));
            }
        }

        return zones;
    }

    /// <summary>The city outline in the metric plane: the union of the zones' bounding boxes.</summary>
    public static Geometry Outline(IReadOnlyList<ZoneFact> facts, LocalMetric metric, GeometryFactory factory)
    {
        var boxes = facts.Select(f =>
        {
            var lo = metric.Project(f.Bounds.MinLat, f.Bounds.MinLon);
            var hi = metric.Project(f.Bounds.MaxLat, f.Bounds.MaxLon);
            return factory.ToGeometry(new Envelope(lo, hi));
        }).ToList();
        return UnaryUnionOp.Union(boxes);
    }

    private static Zone ToZone(ZoneFact fact, Geometry plane, LocalMetric metric)
    {
        var polygonal = PolygonExtracter.GetPolygons(plane).Cast<Polygon>().ToArray();
        Geometry shape = polygonal.Length == 1 ? polygonal[0] : plane.Factory.CreateMultiPolygon(polygonal);
        return new Zone(fact.Code, fact.Name, fact.Kecamatan, metric.Unproject(shape), fact.CentroidLat, fact.CentroidLon);
    }
}
