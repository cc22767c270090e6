namespace TangerangLive.Grains.Attendance;

/// <summary>Great-circle distance on a spherical Earth.</summary>
internal static class GeoMath
{
    private const double EarthRadiusMeters = 6_371_008.8;

    /// <summary>Haversine distance in metres between two WGS84 points given in degrees.</summary>
    public static double HaversineMeters(double lat1, double lon1, double lat2, double lon2)
    {
        var phi1 = ToRadians(lat1);
        var phi2 = ToRadians(lat2);
        var dPhi = ToRadians(lat2 - lat1);
        var dLambda = ToRadians(lon2 - lon1);
        var sinPhi = Math.Sin(dPhi / 2);
        var sinLambda = Math.Sin(dLambda / 2);
        var a = (sinPhi * sinPhi) + (Math.Cos(phi1) * Math.Cos(phi2) * sinLambda * sinLambda);
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    private static double ToRadians(double degrees) => degrees * Math.PI / 180;
}
