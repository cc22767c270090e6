using Npgsql;
using TangerangLive.Grains.Attendance;
using TangerangLive.Grains.Officers;
using TangerangLive.Silo.Storage;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Liveness;

/// <summary>
/// The city's attendance closer: one reminder seals every officer's finished shift days (no reminder per officer),
/// asking only the officers whose shift ended since its last sweep, on a fake clock through the real grains and PostgreSQL.
/// </summary>
public sealed class AttendanceCloserTests(DispatchDatabase database) : IClassFixture<DispatchDatabase>
{
    private static readonly DateOnly Day = new(2026, 11, 23);

    private static DateTimeOffset Local(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(7));

    [Fact]
    public async Task Each_sweep_seals_the_days_of_the_shifts_that_ended_and_asks_no_one_else()
    {
        await using var engine = await DispatchCluster.StartAsync(database.ConnectionString, Local(23, 5));
        var s = engine.Scenario;
        async Task<string> Register(string name, string shift, bool active = true)
        {
            var id = s.OfficerId(name);
            await engine.Grains.Officer(id).RegisterAsync(new OfficerProfile(id, name, "DKP", "Team 1", shift, [], active));
            return id;
        }

        var morning1 = await Register("morning-1", "pagi");
        var morning2 = await Register("morning-2", "Pagi"); // by name
        var gone = await Register("gone", "pagi", active: false);
        var afternoon = await Register("afternoon", "siang");
        var night = await Register("night", "malam");
        var closer = engine.Grains.AttendanceCloser(DispatchCluster.City.Definition.Id);
        var store = new PostgresAttendanceStore(NpgsqlDataSource.Create(database.ConnectionString));

        // 05:30: the shifts that ended in the day before (the first sweep's look-back) are all due; none of these
        // officers has a whole shift behind them yet.
        engine.Time.Advance(TimeSpan.FromMinutes(30));
        var first = await closer.SweepAsync();
        Assert.Equal(["malam", "pagi", "siang"], first.ShiftsEnded);
        Assert.Equal((4, 0, 0), (first.OfficersAsked, first.DaysSealed, first.Failed));

        // 14:20: Pagi ended at 14:00 (and last night's Malam at 06:00): the two morning officers get their day sealed
        // (absent: they never came online), the night officer is asked and has nothing to seal, the afternoon officer and
        // the deactivated one are not asked.
        engine.Time.Advance(Local(23, 14, 20) - engine.Time.GetUtcNow());
        var afterMorning = await closer.SweepAsync();
        Assert.Equal(["malam", "pagi"], afterMorning.ShiftsEnded);
        Assert.Equal((3, 2, 0), (afterMorning.OfficersAsked, afterMorning.DaysSealed, afterMorning.Failed));
        var sealedMorning = await store.ReadAsync(Day, Day);
        Assert.Equal([morning1, morning2], sealedMorning.Select(r => r.Record.OfficerId).Order(StringComparer.Ordinal));
        Assert.All(sealedMorning, r => Assert.Equal(AttendanceStatus.Absent, r.Record.Status));
        Assert.Empty(await store.ReadAsync(Day, Day, gone));

        // Five minutes later nothing has ended: nobody is asked.
        engine.Time.Advance(TimeSpan.FromMinutes(5));
        var quiet = await closer.SweepAsync();
        Assert.Empty(quiet.ShiftsEnded);
        Assert.Equal(0, quiet.OfficersAsked);

        // 22:20: Siang ended at 22:00.
        engine.Time.Advance(Local(23, 22, 20) - engine.Time.GetUtcNow());
        var afterAfternoon = await closer.SweepAsync();
        Assert.Equal(["siang"], afterAfternoon.ShiftsEnded);
        Assert.Equal((1, 1, 0), (afterAfternoon.OfficersAsked, afterAfternoon.DaysSealed, afterAfternoon.Failed));
        Assert.Single(await store.ReadAsync(Day, Day, afternoon));

        // 06:20 next morning, through the reminder's path (the sweep runs in a timer turn after the tick answers):
        // the night shift of the 23rd is sealed.
        engine.Time.Advance(Local(24, 6, 20) - engine.Time.GetUtcNow());
        await closer.ReceiveReminder("attendance-close-city", default);
        await Poll.UntilAsync(async () => (await store.ReadAsync(Day, Day, night)).Count == 1, TimeSpan.FromSeconds(30), () => "the night officer's day sealed by the reminder's sweep");
        Assert.Equal(AttendanceStatus.Absent, (await store.ReadAsync(Day, Day, night)).Single().Record.Status);
        Assert.Equal(4, (await store.ReadAsync(Day, Day)).Count);
    }
}
