namespace TangerangLive.Grains.City;

/// <summary>A zone and the distance in metres from a point to its polygon (0 when inside).</summary>
public readonly record struct ZoneDistance(Zone Zone, double DistanceMetres);
