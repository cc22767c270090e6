using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using TangerangLive.Grains;

namespace TangerangLive.Api.Open311;

/// <summary>What every Open311 call checks first: the format suffix and the jurisdiction.</summary>
public static class Open311Request
{
    /// <summary>The format named by the suffix; unknown suffixes are answered in XML, the format the spec requires.</summary>
    public static Open311Format FormatOf(string? suffix) =>
        string.Equals(suffix, "json", StringComparison.OrdinalIgnoreCase) ? Open311Format.Json : Open311Format.Xml;

    /// <summary>An error to answer with, or null when the call may go on.</summary>
    public static Open311Result? Check(string? suffix, string? jurisdictionId, CityModel city, IOptions<Open311Options> options)
    {
        var format = FormatOf(suffix);
        if (!string.Equals(suffix, "json", StringComparison.OrdinalIgnoreCase) && !string.Equals(suffix, "xml", StringComparison.OrdinalIgnoreCase))
        {
            return Open311Errors.BadRequest(format, $"Unknown format '{suffix}': use .xml or .json.");
        }

        return IsThisCity(jurisdictionId, city, options.Value)
            ? null
            : Open311Errors.NotFound(format, $"jurisdiction_id '{jurisdictionId}' not found: this server serves '{options.Value.JurisdictionId}' ({city.Definition.Name}).");
    }

    /// <summary>Absent, empty, the configured jurisdiction or the city's own id.</summary>
    public static bool IsThisCity(string? jurisdictionId, CityModel city, Open311Options options) =>
        string.IsNullOrEmpty(jurisdictionId)
        || string.Equals(jurisdictionId, options.JurisdictionId, StringComparison.OrdinalIgnoreCase)
        || string.Equals(jurisdictionId, city.Definition.Id, StringComparison.OrdinalIgnoreCase);

    /// <summary>A date as the spec writes it: W3C ISO 8601 with the city's offset, e.g. 2026-11-30T19:05:00+07:00.</summary>
    public static string Date(DateTimeOffset at, CityModel city) =>
        TimeZoneInfo.ConvertTime(at, city.TimeZone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
}
