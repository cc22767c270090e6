using NetTopologySuite.Geometries;

namespace TangerangLive.Grains.City;

/// <summary>
/// The one metric of the engine: an equirectangular projection around a reference point
/// (x = R·cos φ0·Δλ, y = R·Δφ, in metres). Every distance used for matching, point to point and
/// point to zone polygon, is measured in this plane. Because the projection is affine, straight
/// polygon edges stay straight and a zone's projected polygon is exactly the zone, so the distance
/// from a point to a zone is a true lower bound of the distance to any officer inside it; that is
/// what makes the zone-by-zone nearest search exact. Over a city 20 km across the scale error
/// against the ellipsoid is well under 0.5 %; use <see cref="Geodesy.HaversineMetres"/> when a
/// reported distance should be great-circle.
/// </summary>
public sealed class LocalMetric
{
    /// <summary>Mean Earth radius (IUGG), metres.</summary>
    public const double EarthRadiusMetres = 6_371_008.8;

    private const double DegreesToRadians = Math.PI / 180.0;

    private readonly double _metresPerDegreeLat;
    private readonly double _metresPerDegreeLon;

    /// <summary>Creates the projection centred on a reference point (typically the city centroid).</summary>
    public LocalMetric(double referenceLat, double referenceLon)
    {
        if (!double.IsFinite(referenceLat) || Math.Abs(referenceLat) >= 89)
        {
            throw new ArgumentOutOfRangeException(nameof(referenceLat), referenceLat, "Reference latitude must be finite and away from the poles.");
        }

        ReferenceLat = referenceLat;
        ReferenceLon = referenceLon;
        _metresPerDegreeLat = EarthRadiusMetres * DegreesToRadians;
        _metresPerDegreeLon = _metresPerDegreeLat * Math.Cos(referenceLat * DegreesToRadians);
    }

    /// <summary>The latitude of the projection's origin.</summary>
    public double ReferenceLat { get; }

    /// <summary>The longitude of the projection's origin.</summary>
    public double ReferenceLon { get; }

    /// <summary>Projects a WGS84 point to plane metres (x east, y north).</summary>
    public Coordinate Project(double lat, double lon) =>
        new((lon - ReferenceLon) * _metresPerDegreeLon, (lat - ReferenceLat) * _metresPerDegreeLat);

    /// <summary>Returns the WGS84 point of a plane coordinate.</summary>
    public (double Lat, double Lon) Unproject(double x, double y) =>
        ((y / _metresPerDegreeLat) + ReferenceLat, (x / _metresPerDegreeLon) + ReferenceLon);

    /// <summary>The distance in metres between two WGS84 points, measured in the plane.</summary>
    public double DistanceMetres(double lat1, double lon1, double lat2, double lon2) =>
        PlaneDistance(Project(lat1, lon1), Project(lat2, lon2));

    /// <summary>The Euclidean distance between two projected coordinates.</summary>
    public static double PlaneDistance(Coordinate a, Coordinate b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return PlaneDistance(a.X, a.Y, b.X, b.Y);
    }

    /// <summary>The Euclidean distance between two projected points.</summary>
    public static double PlaneDistance(double x1, double y1, double x2, double y2)
    {
        var dx = x1 - x2;
        var dy = y1 - y2;
        return Math.Sqrt((dx * dx) + (dy * dy));
    }

    /// <summary>A copy of a WGS84 geometry (x = lon, y = lat) in plane metres.</summary>
    public Geometry Project(Geometry geographic)
    {
        ArgumentNullException.ThrowIfNull(geographic);
        var copy = geographic.Copy();
        copy.Apply(new CoordinateMapper((x, y) => Project(y, x)));
        copy.GeometryChanged();
        return copy;
    }

    /// <summary>A copy of a plane geometry in WGS84 (x = lon, y = lat).</summary>
    public Geometry Unproject(Geometry plane)
    {
        ArgumentNullException.ThrowIfNull(plane);
        var copy = plane.Copy();
        copy.Apply(new CoordinateMapper((x, y) =>
        {
            var (lat, lon) = Unproject(x, y);
            return new Coordinate(lon, lat);
        }));
        copy.GeometryChanged();
        return copy;
    }
}
