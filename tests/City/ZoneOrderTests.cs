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
}
