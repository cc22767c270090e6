using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using TangerangLive.Api.Admin;
using TangerangLive.Api.Problems;

namespace TangerangLive.Api.Enrolment;

/// <summary>
/// Reads a roster as a spreadsheet exports it: a header row naming the columns in any order and case
/// (officer_id, name, agency, team, shift, device_ids, active; spaces or dashes for underscores), comma or
/// semicolon separated, quoted cells, an optional byte-order mark. device_ids holds ';' or '|'-separated ids.
/// </summary>
public static class RosterCsvReader
{
    private static readonly string[] Required = ["officer_id", "name", "agency"];
    private static readonly string[] Known = ["officer_id", "name", "agency", "team", "shift", "device_ids", "active"];

    public static async Task<IReadOnlyList<RosterImportRow>> ReadAsync(TextReader text, int maxRows, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
            BadDataFound = null,
        };
        using var csv = new CsvReader(text, config);
        if (!await csv.ReadAsync() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
        {
            errors.Add("line 1", "The file is empty: the first line must name the columns (officer_id, name, agency, ...).");
            return [];
        }

        var columns = Columns(header, errors);
        if (errors.Any)
        {
            return [];
        }

        var rows = new List<RosterImportRow>();
        while (await csv.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var place = $"line {csv.Parser.Row}";
            if (rows.Count == maxRows)
            {
                errors.Add(place, $"At most {maxRows} officers in one import.");
                return [];
            }

            string? Cell(string name) => columns.TryGetValue(name, out var i) && i < csv.Parser.Count ? csv.Parser[i] : null;
            var active = Cell("active") is { Length: > 0 } flag ? ParseFlag(flag) : true;
            if (active is null)
            {
                errors.Add($"{place}: active", "active is true or false (also yes/no, ya/tidak, 1/0).");
            }

            var devices = Cell("device_ids") is { Length: > 0 } list
                ? list.Split([';', '|'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                : [];
            var officerId = Cell("officer_id") ?? string.Empty;
            rows.Add(new RosterImportRow(place, officerId, new OfficerRequest(
                Cell("name") ?? string.Empty, Cell("agency") ?? string.Empty, Blank(Cell("team")), Blank(Cell("shift")), devices, active ?? true)));
        }

        return rows;
    }

    private static Dictionary<string, int> Columns(string[] header, ValidationErrors errors)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim().TrimStart('\uFEFF').ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
            name = name switch { "id" or "officer" or "nip" => "officer_id", "devices" or "device_id" => "device_ids", _ => name };
            if (!Known.Contains(name))
            {
                errors.Add("line 1", $"Unknown column '{header[i]}'; the columns are {string.Join(", ", Known)}.");
            }
            else if (!columns.TryAdd(name, i))
            {
                errors.Add("line 1", $"Column '{name}' appears twice.");
            }
        }

        foreach (var missing in Required.Where(r => !columns.ContainsKey(r)))
        {
            errors.Add("line 1", $"Column '{missing}' is required.");
        }

        return columns;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static bool? ParseFlag(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "y" or "1" or "ya" or "aktif" => true,
        "false" or "no" or "n" or "0" or "tidak" or "nonaktif" => false,
        _ => null,
    };
}
