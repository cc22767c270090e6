using NetTopologySuite.Geometries;
using TangerangLive.Grains.City;

namespace TangerangLive.Tests.City;

/// <summary><see cref="ZoneEdges"/> against NetTopologySuite's own polygon distance (every edge, no index).</summary>
public sealed class ZoneEdgesTests
{
    private static readonly GeometryFactory Factory = new();

    [Fact]
    public void The_distance_to_each_real_kelurahan_equals_the_polygon_distance_inside_outside_and_on_its_vertices()
    {
        var map = ZoneMapFactory.FromGeoJson(SharedGeo.KelurahanGeoJson, "kode", "nama");
        var random = new Random(18);
        var (inside, outside) = (0, 0);
        foreach (var zone in map.All)
        {
            var plane = map.Metric.Project(zone.Boundary);
            var edges = new ZoneEdges(plane);
            var box = plane.EnvelopeInternal;
            for (var i = 0; i < 40; i++)
            {
                // Points in and around the zone's box (half its size beyond each side).
                var x = box.MinX - (box.Width / 2) + (random.NextDouble() * box.Width * 2);
                var y = box.MinY - (box.Height / 2) + (random.NextDouble() * box.Height * 2);
                var expected = plane.Distance(Factory.CreatePoint(new Coordinate(x, y)));
                Assert.Equal(expected, edges.DistanceTo(x, y), 6);
                (inside, outside) = expected == 0 ? (inside + 1, outside) : (inside, outside + 1);
                Assert.True(edges.BoxDistance(x, y) <= expected + 1e-9);
            }

            foreach (var vertex in plane.Coordinates.Where((_, n) => n % 7 == 0))
            {
                Assert.Equal(0, edges.DistanceTo(vertex.X, vertex.Y), 6);
            }
        }

        Assert.True(inside > 500 && outside > 500, $"points inside ({inside}) and outside ({outside}) should both be many");
    }

    [Fact]
    public void A_point_in_a_hole_is_outside_and_measured_to_the_hole_edge()
    {
        var shell = Factory.CreateLinearRing([new(0, 0), new(1000, 0), new(1000, 1000), new(0, 1000), new(0, 0)]);
        var hole = Factory.CreateLinearRing([new(400, 400), new(600, 400), new(600, 600), new(400, 600), new(400, 400)]);
        var edges = new ZoneEdges(Factory.CreatePolygon(shell, [hole]));

        Assert.Equal(50, edges.DistanceTo(500, 450), 9);
        Assert.Equal(0, edges.DistanceTo(200, 200), 9);
        Assert.Equal(0, edges.DistanceTo(400, 500), 9);
        Assert.Equal(Math.Sqrt(2) * 100, edges.DistanceTo(1100, 1100), 9);
        Assert.Equal(100, edges.DistanceTo(500, -100), 9);
    }
}
