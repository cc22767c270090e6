namespace TangerangLive.Grains.City;

/// <summary>Builds <see cref="ZoneMap"/>s from the built-in facts, from other facts, or from GeoJSON.</summary>
public static class ZoneMapFactory
{
    /// <summary>
    /// The built-in Kota Tangerang map: cells of the 104 carried kelurahan centroids, by default
    /// constrained by the kelurahan bounding boxes (see <see cref="FactZoneLayout"/>).
    /// </summary>
    public static ZoneMap BuiltIn(FactZoneLayout layout = FactZoneLayout.BoxConstrainedVoronoi) =>
        FromFacts(ZoneFacts.LoadBuiltIn(), layout: layout);

    /// <summary>
    /// Zones drawn from the facts' centroids, covering the union of their bounding boxes. Without a
    /// metric, the projection is centred on the middle of the facts' bounding box.
    /// </summary>
    public static ZoneMap FromFacts(IReadOnlyList<ZoneFact> facts, LocalMetric? metric = null, FactZoneLayout layout = FactZoneLayout.Voronoi)
    {
        ArgumentNullException.ThrowIfNull(facts);
        metric ??= CentredOn(facts);
        var zones = layout == FactZoneLayout.BoxConstrainedVoronoi
            ? BoxConstrainedZones.Build(facts, metric)
            : VoronoiZones.Build(facts, metric);
        return new ZoneMap(zones, metric);
    }

    /// <summary>Zones read from a GeoJSON FeatureCollection file of Polygon/MultiPolygon features.</summary>
    public static ZoneMap FromGeoJson(string path, string codeProperty, string nameProperty, string? kecamatanProperty = null, LocalMetric? metric = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = File.OpenRead(path);
        return FromGeoJson(stream, codeProperty, nameProperty, kecamatanProperty, metric);
    }

    /// <summary>Zones read from a GeoJSON FeatureCollection stream of Polygon/MultiPolygon features.</summary>
    public static ZoneMap FromGeoJson(Stream stream, string codeProperty, string nameProperty, string? kecamatanProperty = null, LocalMetric? metric = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(codeProperty);
        ArgumentException.ThrowIfNullOrWhiteSpace(nameProperty);
        return new ZoneMap(ZoneGeoJson.Read(stream, codeProperty, nameProperty, kecamatanProperty, metric), metric);
    }

    /// <summary>The zones a city definition names: built-in, or its GeoJSON boundary file.</summary>
    public static ZoneMap ForCity(CityDefinition city)
    {
        ArgumentNullException.ThrowIfNull(city);
        var (lat, lon) = city.BoundingBox.Centre;
        var metric = new LocalMetric(lat, lon);
        var source = city.Zones;
        if (string.Equals(source.Source, ZoneSourceDefinition.GeoJson, StringComparison.OrdinalIgnoreCase))
        {
            return FromGeoJson(
                source.Path ?? throw new CityDefinitionException("zones.path: is required"),
                source.CodeProperty ?? throw new CityDefinitionException("zones.codeProperty: is required"),
                source.NameProperty ?? source.CodeProperty,
                source.KecamatanProperty,
                metric);
        }

        return FromFacts(ZoneFacts.LoadBuiltIn(), metric, FactZoneLayout.BoxConstrainedVoronoi);
    }

    private static LocalMetric CentredOn(IReadOnlyList<ZoneFact> facts)
    {
        if (facts.Count == 0)
        {
            throw new ArgumentException("At least one zone fact is needed.", nameof(facts));
        }

        var minLat = facts.Min(f => f.Bounds.MinLat);
        var maxLat = facts.Max(f => f.Bounds.MaxLat);
        var minLon = facts.Min(f => f.Bounds.MinLon);
        var maxLon = facts.Max(f => f.Bounds.MaxLon);
        return new LocalMetric((minLat + maxLat) / 2, (minLon + maxLon) / 2);
    }
}
