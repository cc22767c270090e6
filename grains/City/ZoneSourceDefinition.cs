using Orleans;

namespace TangerangLive.Grains.City;

/// <summary>
/// Where a city's zones come from: <c>builtin</c> (cells of the carried Kota Tangerang kelurahan
/// centroids, see <see cref="FactZoneLayout"/>) or <c>geojson</c> (a boundary file; <see cref="Path"/> is relative to the
/// city file, and the code/name/kecamatan properties name the feature properties to read).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ZoneSourceDefinition(
    [property: Id(0)] string Source,
    [property: Id(1)] string? Path = null,
    [property: Id(2)] string? CodeProperty = null,
    [property: Id(3)] string? NameProperty = null,
    [property: Id(4)] string? KecamatanProperty = null)
{
    /// <summary>The built-in Tangerang zones.</summary>
    public const string BuiltIn = "builtin";

    /// <summary>Zones read from a GeoJSON FeatureCollection.</summary>
    public const string GeoJson = "geojson";
}
