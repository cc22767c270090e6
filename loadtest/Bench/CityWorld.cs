using TangerangLive.Grains.City;

namespace TangerangLive.LoadTest.Bench;

/// <summary>The built-in Tangerang zone map and agencies, and random points inside the city.</summary>
internal sealed class CityWorld(ZoneMap map, IReadOnlyList<string> agencies)
{
    public ZoneMap Map { get; } = map;

    public IReadOnlyList<string> Agencies { get; } = agencies;

    public static CityWorld LoadBuiltIn() =>
        new(ZoneMapFactory.BuiltIn(), CityCatalog.LoadBuiltIn().Agencies.Select(a => a.Code).ToArray());

    /// <summary>A uniform random point of the city's bounding box that lies inside some zone.</summary>
    public CityPoint RandomPoint(Random rng)
    {
        var box = Map.GeographicBounds;
        while (true)
        {
            var lat = box.MinLat + (rng.NextDouble() * (box.MaxLat - box.MinLat));
            var lon = box.MinLon + (rng.NextDouble() * (box.MaxLon - box.MinLon));
            if (Map.FindZone(lat, lon) is { } zone)
            {
                return new CityPoint(lat, lon, zone.Code);
            }
        }
    }

    /// <summary>Random query points in the city, each asking for a random agency.</summary>
    public IReadOnlyList<QueryPoint> RandomQueries(Random rng, int count) =>
        Enumerable.Range(0, count)
            .Select(_ => (Point: RandomPoint(rng), Agency: Agencies[rng.Next(Agencies.Count)]))
            .Select(q => new QueryPoint(q.Point.Lat, q.Point.Lon, q.Agency))
            .ToArray();
}

/// <summary>A point inside the city and the zone that contains it.</summary>
internal readonly record struct CityPoint(double Lat, double Lon, string ZoneCode);

/// <summary>A matching query: where, and which agency's officers.</summary>
internal readonly record struct QueryPoint(double Lat, double Lon, string Agency);
