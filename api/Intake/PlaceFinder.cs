using System.Globalization;
using System.Text;
using TangerangLive.Grains;
using TangerangLive.Grains.City;

namespace TangerangLive.Api.Intake;

/// <summary>A place named in words, resolved to a point inside one of the city's zones.</summary>
public sealed record ResolvedPlace(string ZoneCode, string ZoneName, double Lat, double Lon);

/// <summary>
/// Resolves kelurahan names (or any zone names of the city's data set) to a point inside the zone: its
/// centroid when that lies inside, else a point of its interior. Names are compared without case,
/// accents or punctuation ("Kelapa-Indah" is Kelapa Indah). In free text (an address, a social media
/// message) the longest zone name found as whole words wins; a name matching several zones resolves
/// only when the text also names the kecamatan of exactly one of them.
/// </summary>
public sealed class PlaceFinder
{
    private readonly (string Name, string Kecamatan, ResolvedPlace Place)[] _zones;

    public PlaceFinder(CityModel city)
    {
        _zones = city.Map.All
            .Where(z => Normalise(z.Name).Length > 0)
            .Select(z =>
            {
                var (lat, lon) = PointIn(city.Map, z);
                return (Normalise(z.Name), Normalise(z.Kecamatan), new ResolvedPlace(z.Code, z.Name, lat, lon));
            })
            .OrderByDescending(z => z.Item1.Length)
            .ToArray();
    }

    /// <summary>The zone whose name is exactly <paramref name="name"/> (optionally "name, kecamatan").</summary>
    public ResolvedPlace? FindByName(string name)
    {
        var parts = name.Split(',', 2);
        var wanted = Normalise(parts[0]);
        var kecamatan = parts.Length > 1 ? Normalise(parts[1]) : null;
        var matches = _zones.Where(z => z.Name == wanted && (kecamatan is null || z.Kecamatan == kecamatan)).ToList();
        return matches.Count == 1 ? matches[0].Place : null;
    }

    /// <summary>The zone named in <paramref name="text"/>, or null when none (or no single one) is.</summary>
    public ResolvedPlace? FindInText(string text)
    {
        var padded = " " + Normalise(text) + " ";
        foreach (var group in _zones.GroupBy(z => z.Name.Length).Select(g => g.ToList()))
        {
            var found = group.Where(z => padded.Contains(" " + z.Name + " ", StringComparison.Ordinal)).ToList();
            var named = found.Select(z => z.Name).Distinct(StringComparer.Ordinal).ToList();
            if (named.Count > 1)
            {
                return null;
            }

            if (named.Count == 1)
            {
                var inKecamatan = found.Count == 1 ? found : found.Where(z => z.Kecamatan.Length > 0 && padded.Contains(" " + z.Kecamatan + " ", StringComparison.Ordinal)).ToList();
                return inKecamatan.Count == 1 ? inKecamatan[0].Place : null;
            }
        }

        return null;
    }

    public IEnumerable<string> Names => _zones.Select(z => z.Place.ZoneName).Order(StringComparer.Ordinal);

    /// <summary>Lower case, accents dropped, letters and digits kept, everything else one space.</summary>
    public static string Normalise(string? text)
    {
        var builder = new StringBuilder((text ?? string.Empty).Length);
        var space = true;
        foreach (var c in (text ?? string.Empty).Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else if (!space)
            {
                builder.Append(' ');
                space = true;
            }
        }

        return builder.ToString().TrimEnd();
    }

    private static (double Lat, double Lon) PointIn(ZoneMap map, Zone zone)
    {
        if (map.FindZone(zone.CentroidLat, zone.CentroidLon)?.Code == zone.Code)
        {
            return (zone.CentroidLat, zone.CentroidLon);
        }

        var interior = zone.Boundary.InteriorPoint;
        return (interior.Y, interior.X);
    }
}
