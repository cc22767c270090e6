using System.Globalization;
using Microsoft.AspNetCore.Http;
using TangerangLive.Api.Problems;
using TangerangLive.Api.Reports;
using TangerangLive.Grains;
using TangerangLive.Grains.City;
using TangerangLive.Grains.Complaints;

namespace TangerangLive.Api.Open311;

/// <summary>The requester's contact fields: kept for staff, never shown in public answers.</summary>
public sealed record Open311Contact(string? FirstName, string? LastName, string? Phone, string? Email, string? DeviceId, string? AccountId)
{
    /// <summary>The reporter's name as the report keeps it.</summary>
    public string? Name => string.Join(' ', new[] { FirstName, LastName }.Where(n => !string.IsNullOrWhiteSpace(n))) is { Length: > 0 } name ? name : null;

    /// <summary>Phone and email as the report's contact line.</summary>
    public string? Line => string.Join("; ", new[] { Phone, Email }.Where(n => !string.IsNullOrWhiteSpace(n))) is { Length: > 0 } line ? line : null;
}

/// <summary>
/// A POST requests form that passed validation: the report (with the answers to its category's attributes) plus what
/// only Open311 carries; <see cref="Attributes"/> is every attribute[...] as sent (a category without a definition keeps them only here).
/// </summary>
public sealed record Open311Submission(ReportDraft Draft, string? AddressString, string? MediaUrl, Open311Contact Contact, IReadOnlyDictionary<string, string[]> Attributes);

/// <summary>Reads and checks the form of POST requests; every problem becomes one error description naming the field.</summary>
public static class Open311SubmissionForm
{
    public const int MaxUrl = 2048;

    public static Open311Submission? Parse(IFormCollection form, CityModel city, List<string> errors)
    {
        string? Field(string name, int max, bool multiLine = false)
        {
            var value = form.TryGetValue(name, out var v) ? v.ToString() : null;
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }

            if (value.Length > max)
            {
                errors.Add($"{name}: at most {max} characters.");
            }
            else if (!CleanText.IsClean(value, multiLine))
            {
                errors.Add($"{name}: {CleanText.Message}");
            }

            return value.Trim();
        }

        var serviceCode = Field("service_code", ReportValidation.MaxCategory);
        var description = Field("description", ReportValidation.MaxDescription, multiLine: true);
        var addressString = Field("address_string", 500);
        var addressId = Field("address_id", 64);
        var mediaUrl = Field("media_url", MaxUrl);
        var contact = new Open311Contact(
            Field("first_name", 100), Field("last_name", 100), Field("phone", 40), Field("email", 254), Field("device_id", 128), Field("account_id", 128));
        if (serviceCode is null)
        {
            errors.Add("service_code: required.");
        }

        if (mediaUrl is not null && !(Uri.TryCreate(mediaUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            errors.Add("media_url: an absolute http or https URL.");
        }

        if (contact.Email is { } email && (email.IndexOf('@', StringComparison.Ordinal) is <= 0 || email.EndsWith('@')))
        {
            errors.Add("email: not an email address.");
        }

        var (lat, lon) = Location(form, city, addressString, addressId, errors);
        var attributes = AttributeFields.Read(form, (field, message) => errors.Add($"{field}: {message}"));
        var category = serviceCode is null ? null : city.Definition.FindCategory(serviceCode);
        if (serviceCode is not null && category is null)
        {
            errors.Add($"service_code: unknown service '{serviceCode}'; GET services lists them.");
        }

        var answers = category is null ? null : AttributeFields.Answers(category, attributes, requireAnswers: true, (field, message) => errors.Add($"{field}: {message}"));

        if (errors.Count > 0 || category is null || lat is null || lon is null)
        {
            return null;
        }

        // Open311 makes the description optional; a report of ours always has one, so the service names it.
        var checks = ReportValidation.Validate(city, category.Code, description ?? category.Name, lat, lon, contact.Line, [], out var draft);
        foreach (var (field, messages) in checks.ToDictionary())
        {
            errors.AddRange(messages.Select(m => $"{Open311Name(field)}: {m}"));
        }

        return draft is null ? null : new Open311Submission(draft with { Attributes = answers }, addressString, mediaUrl, contact, attributes);
    }

    private static (double? Lat, double? Lon) Location(IFormCollection form, CityModel city, string? addressString, string? addressId, List<string> errors)
    {
        var latText = form["lat"].ToString();
        var lonText = form["long"].ToString();
        if (latText.Length > 0 || lonText.Length > 0)
        {
            var lat = Number(latText, "lat", errors);
            var lon = Number(lonText, "long", errors);
            return (lat, lon);
        }

        if (addressString is null && addressId is null)
        {
            errors.Add("lat: a location is required: lat and long, address_string (a kelurahan name) or address_id (a kelurahan code).");
            return (null, null);
        }

        if (Open311Places.Resolve(city, addressString, addressId, out var error) is { } zone)
        {
            return (zone.CentroidLat, zone.CentroidLon);
        }

        errors.Add((addressId is null ? "address_string: " : "address_id: ") + error);
        return (null, null);
    }

    private static double? Number(string text, string field, List<string> errors)
    {
        if (text.Length == 0)
        {
            errors.Add($"{field}: required with {(field == "lat" ? "long" : "lat")}.");
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        errors.Add($"{field}: not a number.");
        return null;
    }

    private static string Open311Name(string field) => field switch
    {
        "category" => "service_code",
        "lon" => "long",
        "contact" => "phone",
        _ => field,
    };
}
