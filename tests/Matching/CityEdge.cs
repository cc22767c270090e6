using TangerangLive.Grains.City;

namespace TangerangLive.Tests.Matching;

/// <summary>A place on a city's western boundary, found by walking west from its westernmost zone's centre.</summary>
internal static class CityEdge
{
    /// <summary>The last point inside the city (to within a metre) due west of the westernmost zone's centre.</summary>
    public static (double Lat, double Lon) West(ZoneMap map)
    {
        var zone = map.All.MinBy(z => z.CentroidLon)!;
        var start = map.Metric.Project(zone.CentroidLat, zone.CentroidLon);
        var inside = (zone.CentroidLat, zone.CentroidLon);
        for (var metres = 1; metres < 50_000; metres++)
        {
            var next = map.Metric.Unproject(start.X - metres, start.Y);
            if (!map.Contains(next.Lat, next.Lon))
            {
                return inside;
            }

            inside = next;
        }

        throw new InvalidOperationException($"No boundary within 50 km west of zone {zone.Code}");
    }
}
