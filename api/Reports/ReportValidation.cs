using TangerangLive.Api.Problems;
using TangerangLive.Grains;
using TangerangLive.Grains.Complaints;

namespace TangerangLive.Api.Reports;

/// <summary>A report that passed validation.</summary>
public sealed record ReportDraft(
    string Category, string Description, double Lat, double Lon, string? Contact, IReadOnlyList<PhotoUpload> Photos, IReadOnlyList<AttributeAnswer>? Attributes = null);

/// <summary>Checks a report and names every field that is wrong.</summary>
public static class ReportValidation
{
    public const int MaxDescription = 4000;
    public const int MaxContact = 200;
    public const int MaxCategory = 64;
    public const int MaxIdempotencyKey = 128;

    public static ValidationErrors Validate(
        CityModel city, string? category, string? description, double? lat, double? lon, string? contact, IReadOnlyList<PhotoUpload> photos, out ReportDraft? draft)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(category) || category.Length > MaxCategory)
        {
            errors.Add("category", $"Category is required, at most {MaxCategory} characters.");
        }
        else if (errors.CheckText("category", category) && city.Definition.FindCategory(category.Trim()) is null)
        {
            errors.Add("category", $"Unknown category '{category}'. Known: {string.Join(", ", city.Definition.Categories.Select(c => c.Code))}.");
        }

        errors.Require(!string.IsNullOrWhiteSpace(description) && description.Length <= MaxDescription, "description", $"Description is required, at most {MaxDescription} characters.");
        errors.CheckText("description", description, multiLine: true);
        errors.Require(contact is null || contact.Length <= MaxContact, "contact", $"Contact is at most {MaxContact} characters.");
        errors.CheckText("contact", contact);
        CheckCoordinate(errors, "lat", lat, 90);
        CheckCoordinate(errors, "lon", lon, 180);
        if (lat is { } la && lon is { } lo && !errors.ToDictionary().ContainsKey("lat") && !errors.ToDictionary().ContainsKey("lon") && !city.Map.Contains(la, lo))
        {
            errors.Add("location", $"The point ({la}, {lo}) is outside {city.Definition.Name}.");
        }

        errors.Require(photos.Count <= PhotoStore.MaxPhotos, "photos", $"At most {PhotoStore.MaxPhotos} photos.");
        for (var i = 0; i < photos.Count; i++)
        {
            errors.Require(PhotoStore.ExtensionOf(photos[i].Bytes) is not null, photos[i].Field, "Not a JPEG, PNG or WebP image.");
        }

        draft = errors.Any ? null : new ReportDraft(city.Definition.FindCategory(category!.Trim())!.Code, description!.Trim(), lat!.Value, lon!.Value, contact?.Trim(), photos);
        return errors;
    }

    /// <summary>Checks a latitude or longitude: present, finite, within ±<paramref name="limit"/>.</summary>
    public static void CheckCoordinate(ValidationErrors errors, string field, double? value, double limit)
    {
        if (value is not { } v)
        {
            errors.Add(field, $"{field} is required.");
        }
        else if (!double.IsFinite(v) || v < -limit || v > limit)
        {
            errors.Add(field, $"{field} must be a finite number between -{limit} and {limit}.");
        }
    }

    /// <summary>True when the key is 1-128 visible ASCII characters.</summary>
    public static bool IsValidIdempotencyKey(string key) =>
        key.Length is > 0 and <= MaxIdempotencyKey && key.All(c => c is > ' ' and <= '~');
}
