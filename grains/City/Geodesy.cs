namespace TangerangLive.Grains.City;

/// <summary>Great-circle helpers for reporting; matching uses <see cref="LocalMetric"/>.</summary>
public static class Geodesy
{
    private const double DegreesToRadians = Math.PI / 180.0;

    /// <summary>The haversine (great-circle) distance in metres on a sphere of mean Earth radius.</summary>
    public static double HaversineMetres(double lat1, double lon1, double lat2, double lon2)
    {
        var dLat = (lat2 - lat1) * DegreesToRadians;
        var dLon = (lon2 - lon1) * DegreesToRadians;
        var sinLat = Math.Sin(dLat / 2);
        var sinLon = Math.Sin(dLon / 2);
        var h = (sinLat * sinLat) + (Math.Cos(lat1 * DegreesToRadians) * Math.Cos(lat2 * DegreesToRadians) * sinLon * sinLon);
        return 2 * LocalMetric.EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>True for a real WGS84 latitude/longitude pair.</summary>
    public static bool IsValid(double lat, double lon) =>
        double.IsFinite(lat) && double.IsFinite(lon) && lat is >= -90 and <= 90 && lon is >= -180 and <= 180;
}
