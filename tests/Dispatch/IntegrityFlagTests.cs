using TangerangLive.Grains;
using TangerangLive.Grains.Attendance;
using TangerangLive.Grains.Live;
using TangerangLive.Grains.Officers;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Dispatch;

/// <summary>A phone with a clock ten minutes ahead flags every fix; the officer keeps one flag per kind per day, not one per fix.</summary>
public sealed class IntegrityFlagTests(DispatchDatabase database) : DispatchTestBase(database)
{
    [Fact]
    public async Task Repeated_flags_of_one_kind_in_a_day_are_coalesced_into_one_with_a_count_and_one_alert()
    {
        var at = Scenario.ZoneCentre(12);
        var officer = await Scenario.OnDutyAsync("skewed", "DKP", at);
        var id = Scenario.OfficerId("skewed");
        var clock = new DomainClock(Engine.Time);

        for (var i = 1; i <= 40; i++)
        {
            Engine.Time.Advance(TimeSpan.FromSeconds(10));
            var here = Scenario.Offset(at, i * 20, 0);
            var ack = await officer.ReportPositionAsync(new PositionReport(here.Lat, here.Lon, clock.Now.AddMinutes(10)));
            Assert.Contains(nameof(IntegrityFlagType.ClockSkew), ack.Flags);
        }

        var flags = (await officer.GetAsync())!.OpenFlags!;
        var skew = Assert.Single(flags);
        Assert.Equal(IntegrityFlagType.ClockSkew, skew.Type);
        Assert.EndsWith("(seen 40 times)", skew.Detail, StringComparison.Ordinal);
        Assert.Single(Engine.Live.Events.OfType<OperatorAlert>(), a => a.OfficerId == id && a.Kind == "integrity");

        // The next local day starts a flag of its own.
        Engine.Time.Advance(TimeSpan.FromDays(1));
        var there = Scenario.Offset(at, 900, 0);
        await officer.ReportPositionAsync(new PositionReport(there.Lat, there.Lon, clock.Now.AddMinutes(10)));
        flags = (await officer.GetAsync())!.OpenFlags!;
        Assert.Equal(2, flags.Count(f => f.Type == IntegrityFlagType.ClockSkew));
        Assert.Equal(2, Engine.Live.Events.OfType<OperatorAlert>().Count(a => a.OfficerId == id && a.Kind == "integrity"));
    }
}
