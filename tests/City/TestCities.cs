using System.Globalization;
using System.Text;

namespace TangerangLive.Tests.City;

/// <summary>A made-up 3x3 grid town with two agencies, given only as JSON data.</summary>
internal static class TestCities
{
    public const double South = -7.03;
    public const double West = 110.00;
    public const double Cell = 0.01;

    public const string GridTownJson = """
    {
      "id": "grid-town",
      "name": "Grid Town",
      "timeZone": "Asia/Jakarta",
      "boundingBox": { "minLat": -7.03, "minLon": 110.00, "maxLat": -7.00, "maxLon": 110.03 },
      "zones": { "source": "geojson", "path": "zones.geojson", "codeProperty": "id", "nameProperty": "label", "kecamatanProperty": "district" },
      "agencies": [
        { "code": "Traffic", "name": "Traffic", "fullName": "Traffic Office", "dispatches": true },
        { "code": "Roads", "name": "Roads", "fullName": "Roads Office", "dispatches": true }
      ],
      "categories": [
        { "code": "jam", "name": "Jam", "agency": "Traffic", "priority": 2, "ackDeadlineSeconds": 60, "maxAttempts": 3, "maxRadiusMetres": 2000, "slaMinutes": 30 },
        { "code": "pothole", "name": "Pothole", "agency": "Roads", "priority": 3, "ackDeadlineSeconds": 120, "maxAttempts": 3, "maxRadiusMetres": 5000, "slaMinutes": 600 }
      ],
      "shifts": [ { "code": "day", "name": "Day", "start": "07:00", "durationHours": 12 } ],
      "liveness": { "heartbeatIntervalSeconds": 10, "offlineThresholdSeconds": 60 },
      "attendance": { "presentCoverage": 0.9, "partialCoverage": 0.5, "honorariumDailyRateIdr": 100000 },
      "duplicates": { "radiusMetres": 50, "windowMinutes": 30 }
    }
    """;

    /// <summary>Nine square zones r{row}c{col}, row 0 in the south, column 0 in the west.</summary>
    public static string GridZonesGeoJson()
    {
        var features = new List<string>();
        for (var row = 0; row < 3; row++)
        {
            for (var col = 0; col < 3; col++)
            {
                double s = South + (row * Cell), w = West + (col * Cell), n = s + Cell, e = w + Cell;
                var ring = string.Join(", ", new[] { (w, s), (e, s), (e, n), (w, n), (w, s) }
                    .Select(p => string.Create(CultureInfo.InvariantCulture, $"[{p.Item1:R}, {p.Item2:R}]")));
                features.Add($$"""{ "type": "Feature", "properties": { "id": "r{{row}}c{{col}}", "label": "Block {{row}}-{{col}}", "district": "D{{row}}" }, "geometry": { "type": "Polygon", "coordinates": [[{{ring}}]] } }""");
            }
        }

        return $$"""{ "type": "FeatureCollection", "features": [ {{string.Join(",\n", features)}} ] }""";
    }

    public static Stream AsStream(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));
}
