using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace TangerangLive.Grains.City;

/// <summary>Reads and writes zones as GeoJSON FeatureCollections.</summary>
internal static class ZoneGeoJson
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    public static string Write(IEnumerable<Zone> zones)
    {
        var collection = new FeatureCollection();
        foreach (var zone in zones)
        {
            var attributes = new AttributesTable
            {
                { "code", zone.Code },
                { "name", zone.Name },
                { "kecamatan", zone.Kecamatan },
                { "centroidLat", zone.CentroidLat },
                { "centroidLon", zone.CentroidLon },
            };
            collection.Add(new Feature(zone.Boundary, attributes));
        }

        return JsonSerializer.Serialize(collection, Options);
    }

    public static IReadOnlyList<Zone> Read(Stream stream, string codeProperty, string nameProperty, string? kecamatanProperty, LocalMetric? metric)
    {
        var collection = JsonSerializer.Deserialize<FeatureCollection>(stream, Options)
            ?? throw new FormatException("The GeoJSON document is empty.");
        var zones = new List<Zone>(collection.Count);
        for (var i = 0; i < collection.Count; i++)
        {
            var feature = collection[i];
            var code = Text(feature.Attributes, codeProperty)
                ?? throw new FormatException($"features[{i}].properties.{codeProperty}: missing zone code.");
            var name = Text(feature.Attributes, nameProperty) ?? code;
            var kecamatan = kecamatanProperty is null ? string.Empty : Text(feature.Attributes, kecamatanProperty) ?? string.Empty;
            if (feature.Geometry is not (Polygon or MultiPolygon))
            {
                throw new FormatException($"features[{i}].geometry: zone '{code}' must be a Polygon or MultiPolygon, got {feature.Geometry?.GeometryType ?? "null"}.");
            }

            var (lat, lon) = Centroid(feature.Geometry, metric);
            zones.Add(new Zone(code, name, kecamatan, feature.Geometry, lat, lon));
        }

        return zones;
    }

    private static (double Lat, double Lon) Centroid(Geometry geographic, LocalMetric? metric)
    {
        // The centroid is computed in a local metric plane, where areas are not skewed by degrees.
        var envelope = geographic.EnvelopeInternal;
        var local = metric ?? new LocalMetric(envelope.Centre.Y, envelope.Centre.X);
        var centroid = local.Project(geographic).Centroid.Coordinate;
        return local.Unproject(centroid.X, centroid.Y);
    }

    private static string? Text(IAttributesTable? attributes, string name)
    {
        if (attributes is null || !attributes.Exists(name))
        {
            return null;
        }

        var value = attributes[name];
        var text = value switch
        {
            null => null,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            JsonElement { ValueKind: JsonValueKind.Null } => null,
            JsonElement e => e.GetRawText(),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        return options;
    }
}
