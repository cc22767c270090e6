using System.Globalization;

namespace TangerangLive.Grains.City;

/// <summary>
/// Reads zone facts from a tab-separated table with a header row (lines starting with '#' are
/// comments): code, name, kecamatan_code, kecamatan, centroid_lat, centroid_lon, min_lat, min_lon,
/// max_lat, max_lon; further columns are ignored.
/// </summary>
public static class ZoneFacts
{
    /// <summary>The logical name of the built-in Kota Tangerang kelurahan table.</summary>
    public const string BuiltInResourceName = "TangerangLive.City.tangerang.kelurahan.tsv";

    private static readonly string[] Columns =
        ["code", "name", "kecamatan_code", "kecamatan", "centroid_lat", "centroid_lon", "min_lat", "min_lon", "max_lat", "max_lon"];

    /// <summary>The 104 Kota Tangerang kelurahan carried by the project.</summary>
    public static IReadOnlyList<ZoneFact> LoadBuiltIn()
    {
        using var reader = new StreamReader(EmbeddedData.Open(BuiltInResourceName));
        return Parse(reader);
    }

    /// <summary>Parses a facts table.</summary>
    public static IReadOnlyList<ZoneFact> Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int[]? index = null;
        var facts = new List<ZoneFact>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var cells = line.Split('\t');
            if (index is null)
            {
                index = Columns.Select(c => Array.IndexOf(cells, c)).ToArray();
                var missing = Columns.Where((c, i) => index[i] < 0).ToList();
                if (missing.Count > 0)
                {
                    throw new FormatException($"Zone facts header lacks column(s): {string.Join(", ", missing)}.");
                }

                continue;
            }

            facts.Add(ParseRow(cells, index, lineNumber));
        }

        return facts;
    }

    private static ZoneFact ParseRow(string[] cells, int[] index, int lineNumber)
    {
        string Cell(int column) => index[column] < cells.Length
            ? cells[index[column]]
            : throw new FormatException($"Zone facts line {lineNumber}: missing column '{Columns[column]}'.");

        double Number(int column) => double.TryParse(Cell(column), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw new FormatException($"Zone facts line {lineNumber}: '{Columns[column]}' is not a number ('{Cell(column)}').");

        return new ZoneFact(
            Cell(0), Cell(1), Cell(2), Cell(3), Number(4), Number(5),
            new GeoBounds(Number(6), Number(7), Number(8), Number(9)));
    }
}
