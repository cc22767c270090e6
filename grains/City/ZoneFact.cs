namespace TangerangLive.Grains.City;

/// <summary>
/// What the project knows about one zone without its polygon: code, name, parent district
/// (kecamatan), centroid and bounding box in WGS84 degrees.
/// </summary>
public sealed record ZoneFact(
    string Code,
    string Name,
    string KecamatanCode,
    string Kecamatan,
    double CentroidLat,
    double CentroidLon,
    GeoBounds Bounds);
