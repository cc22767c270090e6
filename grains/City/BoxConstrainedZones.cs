using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Union;

namespace TangerangLive.Grains.City;

/// <summary>
/// Zones where each point belongs to the nearest centroid among the zones whose bounding box
/// contains it. Zone K is its box minus, for every zone J whose box overlaps K's, the part of J's
/// box on J's side of the perpendicular bisector of the two centroids (the Voronoi half-plane).
/// The zones partition the union of the boxes, like the plain Voronoi layout.
/// </summary>
internal static class BoxConstrainedZones
{
    public static IReadOnlyList<Zone> Build(IReadOnlyList<ZoneFact> facts, LocalMetric metric)
    {
        var factory = new GeometryFactory();
        var sites = facts.Select(f => metric.Project(f.CentroidLat, f.CentroidLon)).ToArray();
        var boxes = facts.Select(f => new Envelope(
            metric.Project(f.Bounds.MinLat, f.Bounds.MinLon),
            metric.Project(f.Bounds.MaxLat, f.Bounds.MaxLon))).ToArray();
        var reach = 4 * boxes.Aggregate(new Envelope(), (all, b) => { all.ExpandToInclude(b); return all; }).Diameter;
        var zones = new List<Zone>(facts.Count);
        for (var k = 0; k < facts.Count; k++)
        {
            var taken = new List<Geometry>();
            for (var j = 0; j < facts.Count; j++)
            {
                if (j != k && boxes[j].Intersects(boxes[k]))
                {
                    if (sites[j].Equals2D(sites[k]))
                    {
                        throw new ArgumentException($"Zones '{facts[k].Code}' and '{facts[j].Code}' share a centroid.", nameof(facts));
                    }

                    var nearerToJ = HalfPlane(factory, sites[j], sites[k], reach);
                    taken.Add(factory.ToGeometry(boxes[j]).Intersection(nearerToJ));
                }
            }

            var own = factory.ToGeometry(boxes[k]);
            var region = taken.Count == 0 ? own : own.Difference(UnaryUnionOp.Union(taken));
            var polygons = PolygonExtracter.GetPolygons(region).Cast<Polygon>().Where(p => p.Area > 0).ToArray();
            if (polygons.Length > 0)
            {
                Geometry shape = polygons.Length == 1 ? polygons[0] : factory.CreateMultiPolygon(polygons);
                zones.Add(new Zone(facts[k].Code, facts[k].Name, facts[k].Kecamatan, metric.Unproject(shape), facts[k].CentroidLat, facts[k].CentroidLon));
            }
        }

        return zones;
    }

    /// <summary>The points nearer to <paramref name="near"/> than to <paramref name="far"/>, as a large square.</summary>
    private static Polygon HalfPlane(GeometryFactory factory, Coordinate near, Coordinate far, double reach)
    {
        var mx = (near.X + far.X) / 2;
        var my = (near.Y + far.Y) / 2;
        var length = Math.Sqrt(((near.X - far.X) * (near.X - far.X)) + ((near.Y - far.Y) * (near.Y - far.Y)));
        var nx = (near.X - far.X) / length * reach;
        var ny = (near.Y - far.Y) / length * reach;
        var (dx, dy) = (-ny, nx);
        return factory.CreatePolygon(
        [
            new Coordinate(mx + dx, my + dy),
            new Coordinate(mx - dx, my - dy),
            new Coordinate(mx - dx + nx, my - dy + ny),
            new Coordinate(mx + dx + nx, my + dy + ny),
            new Coordinate(mx + dx, my + dy),
        ]);
    }
}
