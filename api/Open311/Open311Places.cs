using TangerangLive.Grains;
using TangerangLive.Grains.City;

namespace TangerangLive.Api.Open311;

/// <summary>
/// Turns an address_string or address_id into a point: the centroid of the kelurahan (zone) it names.
/// address_id is a zone code; an address string matches a zone whose name appears in it as whole words
/// ("Jl. Daan Mogot 12, Sukarasa" finds Sukarasa). A name shared by zones in two kecamatan needs the
/// kecamatan in the string too.
/// </summary>
public static class Open311Places
{
    /// <summary>The zone, or null with the reason in <paramref name="error"/>.</summary>
    public static Zone? Resolve(CityModel city, string? addressString, string? addressId, out string? error)
    {
        error = null;
        if (!string.IsNullOrWhiteSpace(addressId))
        {
            var byCode = city.Map.Get(addressId.Trim());
            error = byCode is null ? $"address_id '{addressId}' is not a kelurahan code of {city.Definition.Name}." : null;
            return byCode;
        }

        var text = Normalise(addressString ?? string.Empty);
        var named = city.Map.All.Where(z => ContainsWords(text, Normalise(z.Name))).ToList();
        // Prefer the longest names: "Karang Tengah" over "Tengah" when both would match.
        var longest = named.Count == 0 ? 0 : named.Max(z => z.Name.Length);
        var candidates = named.Where(z => z.Name.Length == longest).ToList();
        if (candidates.Count > 1)
        {
            candidates = candidates.Where(z => ContainsWords(text, Normalise(z.Kecamatan))).ToList();
        }

        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        error = named.Count == 0
            ? $"address_string names no kelurahan of {city.Definition.Name}; send lat and long, or a kelurahan name."
            : $"address_string names a kelurahan found in several kecamatan ({string.Join(", ", named.Where(z => z.Name.Length == longest).Select(z => z.Kecamatan))}); add the kecamatan.";
        return null;
    }

    private static string Normalise(string text) =>
        " " + string.Join(' ', text.ToLowerInvariant().Split([' ', ',', '.', ';', '/', '-', '(', ')', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)) + " ";

    private static bool ContainsWords(string text, string words) => text.Contains(words, StringComparison.Ordinal);
}
