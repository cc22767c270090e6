using System.Globalization;

namespace TangerangLive.Grains.Attendance;

/// <summary>
/// Writes a <see cref="HonorariumRecap"/> as RFC 4180 CSV for payroll: CRLF line ends, a header,
/// one row per officer and a final TOTAL row; invariant culture; fields holding a comma, quote or
/// line break are quoted, with quotes doubled; text cells that a spreadsheet would run as a formula
/// are neutralised with a leading apostrophe. Money is written exactly, without trailing zeros.
/// </summary>
public static class HonorariumCsv
{
    /// <summary>The header row's column names.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["officer_id", "name", "agency", "month", "days_present", "days_partial", "days_absent", "daily_rate", "amount"];

    private const string LineEnd = "\r\n";

    /// <summary>Writes <paramref name="recap"/>, only the officers of <paramref name="agency"/> when given.</summary>
    public static void Write(TextWriter writer, HonorariumRecap recap, string? agency = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(recap);
        var rows = agency is null ? recap : recap.ForAgency(agency);
        var month = rows.Month.ToString();

        WriteRow(writer, Columns);
        foreach (var officer in rows.Officers)
        {
            WriteRow(writer,
            [
                Text(officer.OfficerId),
                Text(officer.Name),
                Text(officer.Agency),
                month,
                Number(officer.DaysPresent),
                Number(officer.DaysPartial),
                Number(officer.DaysAbsent),
                Money(officer.DailyRate),
                Money(officer.Amount),
            ]);
        }

        WriteRow(writer,
        [
            "TOTAL",
            string.Empty,
            Text(agency ?? string.Empty),
            month,
            Number(rows.Officers.Sum(officer => officer.DaysPresent)),
            Number(rows.Officers.Sum(officer => officer.DaysPartial)),
            Number(rows.Officers.Sum(officer => officer.DaysAbsent)),
            string.Empty,
            Money(rows.TotalAmount),
        ]);
    }

    /// <summary>One field, quoted when RFC 4180 requires it.</summary>
    public static string Escape(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : field;
    }

    /// <summary>
    /// A text cell a spreadsheet will not run as a formula: one starting with = + - @, a tab or a
    /// carriage return gets a leading apostrophe (OWASP CSV injection advice).
    /// </summary>
    public static string Text(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + field : field;
    }

    private static void WriteRow(TextWriter writer, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            writer.Write(Escape(fields[i]));
        }

        writer.Write(LineEnd);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Money(decimal value) =>
        value.ToString("0.############################", CultureInfo.InvariantCulture);
}
