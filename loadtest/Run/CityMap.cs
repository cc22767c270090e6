using System.Text.Json;

namespace TangerangLive.LoadTest.Run;

/// <summary>A zone as the load tester knows it from <c>GET /api/zones</c>: its code and outer rings (lon, lat).</summary>
internal sealed record MapZone(string Code, IReadOnlyList<double[][]> Rings, double MinLat, double MinLon, double MaxLat, double MaxLon)
{
    /// <summary>Ray casting over the outer rings (holes are not used by the city's zones).</summary>
    public bool Contains(double lat, double lon)
    {
        if (lat < MinLat || lat > MaxLat || lon < MinLon || lon > MaxLon)
        {
            return false;
        }

        foreach (var ring in Rings)
        {
            var inside = false;
            for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
            {
                double xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
                if ((yi > lat) != (yj > lat) && lon < ((xj - xi) * (lat - yi) / (yj - yi)) + xi)
                {
                    inside = !inside;
                }
            }

            if (inside)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The city's zones from the API's GeoJSON, and seeded random points inside them.</summary>
internal sealed class CityMap
{
    private CityMap(IReadOnlyList<MapZone> zones) => Zones = zones;

    public IReadOnlyList<MapZone> Zones { get; }

    /// <summary>Reads a GeoJSON FeatureCollection of Polygon or MultiPolygon features with a <c>code</c> property.</summary>
    public static CityMap Parse(string geoJson)
    {
        using var document = JsonDocument.Parse(geoJson);
        var zones = new List<MapZone>();
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            var code = feature.GetProperty("properties").GetProperty("code").GetString() ?? string.Empty;
            var geometry = feature.GetProperty("geometry");
            var coordinates = geometry.GetProperty("coordinates");
            var polygons = geometry.GetProperty("type").GetString() == "MultiPolygon"
                ? coordinates.EnumerateArray().ToList()
                : [coordinates];
            var rings = polygons.Select(p => p.EnumerateArray().First().EnumerateArray()
                .Select(c => new[] { c[0].GetDouble(), c[1].GetDouble() }).ToArray()).ToList();
            var points = rings.SelectMany(r => r).ToList();
            zones.Add(new MapZone(code, rings, points.Min(p => p[1]), points.Min(p => p[0]), points.Max(p => p[1]), points.Max(p => p[0])));
        }

        if (zones.Count == 0)
        {
            throw new InvalidDataException("GET /api/zones returned no zones.");
        }

        return new CityMap(zones);
    }

    /// <summary>A uniformly random point inside the zone (rejection sampling in its bounding box).</summary>
    public static (double Lat, double Lon) PointIn(MapZone zone, Random random)
    {
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            var lat = zone.MinLat + (random.NextDouble() * (zone.MaxLat - zone.MinLat));
            var lon = zone.MinLon + (random.NextDouble() * (zone.MaxLon - zone.MinLon));
            if (zone.Contains(lat, lon))
            {
                return (lat, lon);
            }
        }

        return (zone.Rings[0][0][1], zone.Rings[0][0][0]);
    }

    /// <summary>A point in a random zone (every zone equally likely: small, dense kelurahan get more per km²).</summary>
    public (double Lat, double Lon) RandomPoint(Random random) => PointIn(Zones[random.Next(Zones.Count)], random);

    /// <summary>The zone holding the point, if any.</summary>
    public MapZone? ZoneAt(double lat, double lon) => Zones.FirstOrDefault(z => z.Contains(lat, lon));

    /// <summary>True when the point lies in some zone of the city.</summary>
    public bool Contains(double lat, double lon) => ZoneAt(lat, lon) is not null;
}
