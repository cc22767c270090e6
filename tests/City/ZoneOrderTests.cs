using TangerangLive.Grains.City;

namespace TangerangLive.Tests.City;

public sealed class ZoneOrderTests
{
    [Fact]
    public void Lazy_zone_order_equals_the_full_sorted_order_everywhere()
    {
        var map = ZoneMapFactory.BuiltIn();
        var bounds = map.GeographicBounds;
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            // Inside, on the edge of and well outside the city.
            var lat = bounds.MinLat - 0.02 + (random.NextDouble() * (bounds.MaxLat - bounds.MinLat + 0.04));
            var lon = bounds.MinLon - 0.02 + (random.NextDouble() * (bounds.MaxLon - bounds.MinLon + 0.04));

            var full = map.ZonesByDistance(lat, lon).Select(z => (z.Zone.Code, z.DistanceMetres)).ToList();
            var lazy = map.ZonesInDistanceOrder(lat, lon).Select(z => (z.Zone.Code, z.DistanceMetres)).ToList();

            Assert.Equal(full, lazy);
        }
    }

    [Fact]
    public void A_zone_distance_equals_the_plain_polygon_distance_inside_on_the_edge_and_far_outside()
    {
        var map = ZoneMapFactory.BuiltIn();
        var bounds = map.GeographicBounds;
        var planes = map.All.ToDictionary(z => z.Code, z => map.Metric.Project(z.Boundary));
        var random = new Random(11);
        var outside = 0;
        for (var i = 0; i < 400; i++)
        {
            var lat = bounds.MinLat - 0.05 + (random.NextDouble() * (bounds.MaxLat - bounds.MinLat + 0.1));
            var lon = bounds.MinLon - 0.05 + (random.NextDouble() * (bounds.MaxLon - bounds.MinLon + 0.1));
            var zone = map.All[random.Next(map.All.Count)];
            var point = new NetTopologySuite.Geometries.GeometryFactory().CreatePoint(map.Metric.Project(lat, lon));

            // The brute force: every edge of the polygon, no index (0 inside).
            var expected = planes[zone.Code].Distance(point);
            Assert.Equal(expected, map.DistanceToZone(zone.Code, lat, lon), 6);
            outside += expected > 0 ? 1 : 0;
        }

        Assert.True(outside > 300, $"most points should be outside the zone tried ({outside} were)");

        // On the edge: each zone's own vertices (distance 0), and its neighbours' distance to them.
        foreach (var zone in map.All.Take(30))
        {
            foreach (var vertex in zone.Boundary.Coordinates.Take(5))
            {
                var point = new NetTopologySuite.Geometries.GeometryFactory().CreatePoint(map.Metric.Project(vertex.Y, vertex.X));
                Assert.Equal(0, map.DistanceToZone(zone.Code, vertex.Y, vertex.X), 6);
                var other = map.All[(zone.Code.GetHashCode(StringComparison.Ordinal) & 0x7fffffff) % map.All.Count];
                Assert.Equal(planes[other.Code].Distance(point), map.DistanceToZone(other.Code, vertex.Y, vertex.X), 6);
            }
        }
    }
}
