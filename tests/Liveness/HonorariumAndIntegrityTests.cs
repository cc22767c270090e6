using System.Diagnostics;
using System.Globalization;
using Npgsql;
using TangerangLive.Api.Attendance;
using TangerangLive.Grains.Attendance;
using TangerangLive.Grains.Officers;
using TangerangLive.Silo.Storage;
using TangerangLive.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TangerangLive.Tests.Liveness;

/// <summary>Three simulated days of three officers: the payroll CSV and the tamper-evident chain.</summary>
public sealed class HonorariumAndIntegrityTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly DispatchDatabase _database = new();
    private static readonly DateOnly First = new(2026, 11, 23);
    private DispatchCluster _engine = null!;
    private readonly Dictionary<string, IReadOnlyList<SealedRecord>> _sealed = [];

    private static DateTimeOffset Local(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(7));

    public async Task InitializeAsync()
    {
        // A database of its own: one test tampers with it.
        await _database.InitializeAsync();
        _engine = await DispatchCluster.StartAsync(_database.ConnectionString, Local(23, 5));
        var s = _engine.Scenario;
        var where = s.ZoneCentre(3);
        var day = new SimulatedDay(_engine.Grains, _engine.Time, DispatchCluster.City, TimeSpan.FromSeconds(60));
        foreach (var (name, online) in new (string, Func<DateTimeOffset, bool>)[]
        {
            ("always", _ => true),
            ("fading", t => t < Local(24, 11)),
            ("never", _ => false),
        })
        {
            var id = s.OfficerId(name);
            await _engine.Grains.Officer(id).RegisterAsync(new OfficerProfile(id, $"Petugas {name}, Jr.", "DKP", "Team 1", "pagi", [], true));
            day.Add(id, online, _ => where);
        }

        await day.RunUntilAsync(Local(25, 15));
        foreach (var name in new[] { "always", "fading", "never" })
        {
            _sealed[name] = await _engine.Grains.Officer(s.OfficerId(name)).CloseAttendanceAsync();
        }
    }

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Fact]
    public async Task Monthly_csv_has_one_row_per_officer_matching_the_sealed_records_exactly()
    {
        Assert.All(_sealed.Values, days => Assert.Equal([First, First.AddDays(1), First.AddDays(2)], days.Select(d => d.Record.Day)));
        Assert.Equal([AttendanceStatus.Present, AttendanceStatus.Partial, AttendanceStatus.Absent], _sealed["fading"].Select(d => d.Record.Status));

        await using var dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        var recap = await AttendanceApi.BuildRecapAsync(new PayrollMonth(2026, 11), new PostgresAttendanceStore(dataSource), new PostgresOfficerDirectory(dataSource), DispatchCluster.City);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        HonorariumCsv.Write(writer, recap, "DKP");
        var lines = writer.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        output.WriteLine(writer.ToString());
        output.WriteLine(_sealed["fading"][1].Record.Explain(TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta")));
        output.WriteLine($"hash {_sealed["fading"][1].Hash} chained to {_sealed["fading"][1].PreviousHash}");

        var rate = DispatchCluster.City.Definition.Attendance.HonorariumDailyRateIdr;
        var s = _engine.Scenario;
        string Row(string name, int present, int partial, int absent, long amount) =>
            $"{s.OfficerId(name)},\"Petugas {name}, Jr.\",DKP,2026-11,{present},{partial},{absent},{rate},{amount}";
        var mine = lines.Where(l => l.StartsWith(s.Tag, StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [Row("always", 3, 0, 0, 3 * rate), Row("fading", 1, 1, 1, rate * 3 / 2), Row("never", 0, 0, 3, 0)],
            mine);
        Assert.Equal(string.Join(",", HonorariumCsv.Columns), lines[0]);
        Assert.StartsWith("TOTAL,", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_day_fails_verification_by_the_store_and_by_the_command()
    {
        var officer = _engine.Scenario.OfficerId("fading");
        await using var dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        var store = new PostgresAttendanceStore(dataSource);
        Assert.True(Assert.Single(await store.VerifyAsync(First, First.AddDays(2), officer)).Valid);
        Assert.Equal(0, await RunVerifyCommandAsync(officer));

        // Someone turns the absent day into a present one, in the record and in the column.
        await using (var command = dataSource.CreateCommand("""
            UPDATE attendance_days SET status = 'Present', record = jsonb_set(record, '{status}', to_jsonb(2))
             WHERE officer_id = $1 AND day = $2
            """))
        {
            command.Parameters.AddWithValue(officer);
            command.Parameters.AddWithValue(First.AddDays(2));
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var broken = Assert.Single(await store.VerifyAsync(First, First.AddDays(2), officer));
        Assert.False(broken.Valid);
        Assert.Equal(First.AddDays(2), broken.BrokenDay);
        Assert.Equal(1, await RunVerifyCommandAsync(officer));
        Assert.True(Assert.Single(await store.VerifyAsync(First, First.AddDays(2), _engine.Scenario.OfficerId("always"))).Valid);

        // A record mangled beyond reading is a broken chain too, not an error.
        await using (var mangle = dataSource.CreateCommand("UPDATE attendance_days SET record = '{\"status\": \"nonsense\"}' WHERE officer_id = $1 AND day = $2"))
        {
            mangle.Parameters.AddWithValue(officer);
            mangle.Parameters.AddWithValue(First);
            await mangle.ExecuteNonQueryAsync();
        }

        var unreadable = Assert.Single(await store.VerifyAsync(First, First.AddDays(2), officer));
        Assert.Equal((false, First), (unreadable.Valid, unreadable.BrokenDay));
    }

    private async Task<int> RunVerifyCommandAsync(string officer)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { RepositoryPaths.SiloAssembly, "verify-attendance", "--officer", officer, "--connection-string", _database.ConnectionString })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Contains(officer, output, StringComparison.Ordinal);
        return process.ExitCode;
    }
}
