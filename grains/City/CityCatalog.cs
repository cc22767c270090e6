using System.Text.Json;
using System.Text.Json.Serialization;

namespace TangerangLive.Grains.City;

/// <summary>
/// Loads and validates city definitions: the built-in Kota Tangerang data set, or any other city's
/// JSON file or stream. Comments and trailing commas are allowed in the JSON.
/// </summary>
public static class CityCatalog
{
    /// <summary>The logical name of the built-in city definition resource.</summary>
    public const string BuiltInResourceName = "TangerangLive.City.tangerang.city.json";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The built-in Kota Tangerang definition.</summary>
    public static CityDefinition LoadBuiltIn()
    {
        using var stream = EmbeddedData.Open(BuiltInResourceName);
        return Load(stream);
    }

    /// <summary>Reads and validates a city definition from JSON.</summary>
    public static CityDefinition Load(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        CityDefinition? city;
        try
        {
            city = JsonSerializer.Deserialize<CityDefinition>(json, Options);
        }
        catch (JsonException ex)
        {
            throw new CityDefinitionException($"{ex.Path ?? "$"}: {ex.Message}", ex);
        }

        return city is null
            ? throw new CityDefinitionException("$: the document is empty (null)")
            : CityValidator.EnsureValid(city);
    }

    /// <summary>Reads and validates a city definition from a JSON string.</summary>
    public static CityDefinition Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        return Load(stream);
    }

    /// <summary>
    /// Reads and validates a city definition file; a relative zone boundary path is resolved
    /// against the file's folder.
    /// </summary>
    public static CityDefinition LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        CityDefinition city;
        using (var stream = File.OpenRead(fullPath))
        {
            city = Load(stream);
        }

        if (city.Zones.Path is { } zonePath && !System.IO.Path.IsPathRooted(zonePath))
        {
            var folder = System.IO.Path.GetDirectoryName(fullPath) ?? ".";
            city = city with { Zones = city.Zones with { Path = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, zonePath)) } };
        }

        return city;
    }
}
