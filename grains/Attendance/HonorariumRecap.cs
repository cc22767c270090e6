using System.Collections.Immutable;
using Orleans;

namespace TangerangLive.Grains.Attendance;

/// <summary>
/// The month's honorarium per officer: a present day earns the daily rate, a partial day the rate
/// times the partial factor, an absent day nothing. Amounts are exact decimals (IDR), never rounded.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record HonorariumRecap(
    [property: Id(0)] PayrollMonth Month,
    [property: Id(1)] decimal DailyRate,
    [property: Id(2)] decimal PartialFactor,
    [property: Id(3)] ImmutableArray<OfficerHonorarium> Officers)
{
    /// <summary>The partial factor used when none is given.</summary>
    public const decimal DefaultPartialFactor = 0.5m;

    /// <summary>Sum of all officers' amounts.</summary>
    public decimal TotalAmount => Officers.Sum(officer => officer.Amount);

    /// <summary>
    /// Builds the recap of <paramref name="month"/> from daily records; records of other months are
    /// ignored, and two records for the same officer and day are an error. Officers are ordered by id;
    /// <paramref name="lookup"/> gives each one's name and agency (empty when it returns null).
    /// </summary>
    public static HonorariumRecap Build(
        PayrollMonth month,
        IEnumerable<DailyAttendance> records,
        Func<string, PayeeInfo?> lookup,
        decimal dailyRate,
        decimal partialFactor = DefaultPartialFactor)
    {
        ArgumentNullException.ThrowIfNull(month);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(lookup);
        month.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(dailyRate);
        ArgumentOutOfRangeException.ThrowIfNegative(partialFactor);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(partialFactor, 1m);

        var seen = new HashSet<(string, DateOnly)>();
        var officers = records
            .Where(record => month.Contains(record.Day))
            .Select(record => seen.Add((record.OfficerId, record.Day))
                ? record
                : throw new ArgumentException(
                    $"Two attendance records for officer {record.OfficerId} on {record.Day:yyyy-MM-dd}.",
                    nameof(records)))
            .GroupBy(record => record.OfficerId, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => Line(group.Key, group.ToList(), lookup(group.Key), dailyRate, partialFactor))
            .ToImmutableArray();

        return new HonorariumRecap(month, dailyRate, partialFactor, officers);
    }

    /// <summary>This recap with only the officers of <paramref name="agency"/> (ordinal, case-insensitive).</summary>
    public HonorariumRecap ForAgency(string agency)
    {
        ArgumentNullException.ThrowIfNull(agency);
        return this with
        {
            Officers = [.. Officers.Where(officer => string.Equals(officer.Agency, agency, StringComparison.OrdinalIgnoreCase))],
        };
    }

    private static OfficerHonorarium Line(
        string officerId,
        List<DailyAttendance> days,
        PayeeInfo? payee,
        decimal dailyRate,
        decimal partialFactor)
    {
        var present = days.Count(day => day.Status == AttendanceStatus.Present);
        var partial = days.Count(day => day.Status == AttendanceStatus.Partial);
        var absent = days.Count(day => day.Status == AttendanceStatus.Absent);
        var amount = (present * dailyRate) + (partial * dailyRate * partialFactor);
        return new OfficerHonorarium(
            officerId,
            payee?.Name ?? string.Empty,
            payee?.Agency ?? string.Empty,
            present,
            partial,
            absent,
            dailyRate,
            amount);
    }
}
