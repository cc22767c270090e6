using System.Globalization;
using TangerangLive.Grains.Attendance;
using static TangerangLive.Tests.Attendance.AttendanceRecords;

namespace TangerangLive.Tests.Attendance;

public class HonorariumTests
{
    private static readonly PayrollMonth March = new(2025, 3);

    private static readonly Dictionary<string, PayeeInfo> Payees = new()
    {
        ["OFF-1"] = new PayeeInfo("Siti \"Ani\" Rahma", "Dishub"),
        ["OFF-2"] = new PayeeInfo("Budi, S.T.", "DLH"),
        ["OFF-3"] = new PayeeInfo("Dewi\nLestari", "Dishub"),
    };

    [Fact]
    public void Recap_counts_days_and_pays_present_full_partial_by_factor_and_absent_nothing()
    {
        var recap = SmallRecap();

        var one = recap.Officers.Single(officer => officer.OfficerId == "OFF-1");
        Assert.Equal((2, 1, 1), (one.DaysPresent, one.DaysPartial, one.DaysAbsent));
        Assert.Equal(375_002.5m, one.Amount);
        Assert.Equal("Dishub", one.Agency);
        Assert.Equal(600_004m, recap.TotalAmount);
        Assert.Equal(["OFF-1", "OFF-2", "OFF-3", "OFF-9"], recap.Officers.Select(officer => officer.OfficerId));
    }

    [Fact]
    public void Records_of_other_months_are_left_out_and_unknown_officers_get_empty_names()
    {
        var recap = SmallRecap();

        var unknown = recap.Officers.Single(officer => officer.OfficerId == "OFF-9");
        Assert.Equal(string.Empty, unknown.Name);
        Assert.Equal((0, 0, 1), (unknown.DaysPresent, unknown.DaysPartial, unknown.DaysAbsent));
    }

    [Fact]
    public void Two_records_for_the_same_officer_and_day_are_refused()
    {
        DailyAttendance[] records = [Present("OFF-1", new DateOnly(2025, 3, 3)), Absent("OFF-1", new DateOnly(2025, 3, 3))];

        Assert.Throws<ArgumentException>(() => HonorariumRecap.Build(March, records, Lookup, 150_000m));
    }

    [Fact]
    public void Csv_matches_the_payroll_format_exactly_with_quoting_and_totals()
    {
        var csv = Write(SmallRecap());

        Assert.Equal(
            "officer_id,name,agency,month,days_present,days_partial,days_absent,daily_rate,amount\r\n"
            + "OFF-1,\"Siti \"\"Ani\"\" Rahma\",Dishub,2025-03,2,1,1,150001,375002.5\r\n"
            + "OFF-2,\"Budi, S.T.\",DLH,2025-03,1,1,0,150001,225001.5\r\n"
            + "OFF-3,\"Dewi\nLestari\",Dishub,2025-03,0,0,1,150001,0\r\n"
            + "OFF-9,,,2025-03,0,0,1,150001,0\r\n"
            + "TOTAL,,,2025-03,3,2,3,,600004\r\n",
            csv);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\",\"pay\")", "\"'=HYPERLINK(\"\"http://evil\"\",\"\"pay\"\")\"")]
    [InlineData("+62 812", "'+62 812")]
    [InlineData("-1+1", "'-1+1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("Siti = Ani", "Siti = Ani")]
    public void Csv_cells_a_spreadsheet_would_run_as_formulas_are_neutralised(string name, string cell)
    {
        var recap = HonorariumRecap.Build(March, [Present("OFF-X", new DateOnly(2025, 3, 3))], _ => new PayeeInfo(name, "=Dishub"), 100m);

        var row = Write(recap).Split("\r\n")[1];

        Assert.Equal($"OFF-X,{cell},'=Dishub,2025-03,1,0,0,100,100", row);
    }

    [Fact]
    public void Csv_filtered_by_agency_keeps_only_that_agency_and_totals_it()
    {
        var csv = Write(SmallRecap(), "dishub");

        Assert.Equal(
            "officer_id,name,agency,month,days_present,days_partial,days_absent,daily_rate,amount\r\n"
            + "OFF-1,\"Siti \"\"Ani\"\" Rahma\",Dishub,2025-03,2,1,1,150001,375002.5\r\n"
            + "OFF-3,\"Dewi\nLestari\",Dishub,2025-03,0,0,1,150001,0\r\n"
            + "TOTAL,,dishub,2025-03,2,1,2,,375002.5\r\n",
            csv);
    }

    [Fact]
    public void Csv_does_not_depend_on_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            var commaDecimals = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            commaDecimals.NumberFormat.NumberDecimalSeparator = ",";
            commaDecimals.NumberFormat.NumberGroupSeparator = ".";
            CultureInfo.CurrentCulture = commaDecimals;
            Assert.Contains(",375002.5\r\n", Write(SmallRecap()), StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    private static HonorariumRecap SmallRecap()
    {
        DailyAttendance[] records =
        [
            Present("OFF-1", new DateOnly(2025, 3, 3)),
            Present("OFF-1", new DateOnly(2025, 3, 4)),
            Partial("OFF-1", new DateOnly(2025, 3, 5)),
            Absent("OFF-1", new DateOnly(2025, 3, 6)),
            Present("OFF-2", new DateOnly(2025, 3, 3)),
            Partial("OFF-2", new DateOnly(2025, 3, 31)),
            Present("OFF-3", new DateOnly(2025, 2, 28)),
            Present("OFF-3", new DateOnly(2025, 4, 1)),
            Absent("OFF-3", new DateOnly(2025, 3, 15)),
            Absent("OFF-9", new DateOnly(2025, 3, 10)),
        ];
        return HonorariumRecap.Build(March, records, Lookup, 150_001m, 0.5m);
    }

    private static PayeeInfo? Lookup(string officerId) => Payees.GetValueOrDefault(officerId);

    private static string Write(HonorariumRecap recap, string? agency = null)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        HonorariumCsv.Write(writer, recap, agency);
        return writer.ToString();
    }
}
