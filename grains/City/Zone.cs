using NetTopologySuite.Geometries;

namespace TangerangLive.Grains.City;

/// <summary>
/// One zone of the city (a kelurahan, or any configured area): its code, name, parent district,
/// boundary in WGS84 (x = longitude, y = latitude) and a representative centroid.
/// </summary>
public sealed class Zone
{
    /// <summary>Creates a zone; the boundary must be a Polygon or MultiPolygon.</summary>
    public Zone(string code, string name, string kecamatan, Geometry boundary, double centroidLat, double centroidLon)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentNullException.ThrowIfNull(boundary);
        if (boundary is not (Polygon or MultiPolygon) || boundary.IsEmpty)
        {
            throw new ArgumentException($"Zone '{code}' needs a non-empty Polygon or MultiPolygon, got {boundary.GeometryType}.", nameof(boundary));
        }

        Code = code;
        Name = name ?? string.Empty;
        Kecamatan = kecamatan ?? string.Empty;
        Boundary = boundary;
        CentroidLat = centroidLat;
        CentroidLon = centroidLon;
    }

    /// <summary>The zone's unique code (for Tangerang, the kelurahan code such as 36.71.01.1001).</summary>
    public string Code { get; }

    /// <summary>The zone's display name.</summary>
    public string Name { get; }

    /// <summary>The parent district (kecamatan) name, or empty.</summary>
    public string Kecamatan { get; }

    /// <summary>The boundary in WGS84 degrees.</summary>
    public Geometry Boundary { get; }

    /// <summary>The latitude of the zone's centroid.</summary>
    public double CentroidLat { get; }

    /// <summary>The longitude of the zone's centroid.</summary>
    public double CentroidLon { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Code} {Name}";
}
