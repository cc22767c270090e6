using TangerangLive.Grains.City;

namespace TangerangLive.Tests.Matching;

/// <summary>Zone layouts for property tests: Voronoi cells of random sites in a random box.</summary>
internal static class RandomCities
{
    public static ZoneMap Voronoi(Random random, int zones)
    {
        var lat = (random.NextDouble() * 80) - 40;
        var lon = (random.NextDouble() * 340) - 170;
        var height = 0.02 + (random.NextDouble() * 0.2);
        var width = 0.02 + (random.NextDouble() * 0.2);
        var box = new GeoBounds(lat, lon, lat + height, lon + width);
        var facts = Enumerable.Range(0, zones).Select(i => new ZoneFact(
            $"z{i:D3}",
            $"Zone {i}",
            "k",
            "K",
            lat + (random.NextDouble() * height),
            lon + (random.NextDouble() * width),
            box)).ToList();
        return ZoneMapFactory.FromFacts(facts);
    }
}
