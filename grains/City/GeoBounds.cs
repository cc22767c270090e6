using Orleans;

namespace TangerangLive.Grains.City;

/// <summary>A latitude/longitude rectangle in WGS84 degrees.</summary>
[GenerateSerializer, Immutable]
public sealed record GeoBounds(
    [property: Id(0)] double MinLat,
    [property: Id(1)] double MinLon,
    [property: Id(2)] double MaxLat,
    [property: Id(3)] double MaxLon)
{
    /// <summary>True when the point lies inside or on the rectangle.</summary>
    public bool Contains(double lat, double lon) =>
        lat >= MinLat && lat <= MaxLat && lon >= MinLon && lon <= MaxLon;

    /// <summary>The centre of the rectangle.</summary>
    public (double Lat, double Lon) Centre => ((MinLat + MaxLat) / 2, (MinLon + MaxLon) / 2);
}
