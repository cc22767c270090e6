using Microsoft.Extensions.DependencyInjection;
using TangerangLive.Grains.Complaints;
using TangerangLive.Grains.Zones;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Dispatch;

/// <summary>
/// The silo's table of which agencies have an available officer in each of its active zones: kept by the zones' own
/// turns, so a search that skips the zones it names empty of the report's agency still finds the nearest officer, and an
/// officer who becomes available again is found by the next report.
/// </summary>
public sealed class ZoneAvailabilityTests(DispatchDatabase database) : DispatchTestBase(database)
{
    [Fact]
    public async Task Zones_known_empty_of_the_agency_are_skipped_and_the_search_still_finds_the_only_officer_of_the_agency()
    {
        var point = Scenario.ZoneCentre(40);
        var farAt = Scenario.Offset(point, 3_000, 0);
        var map = DispatchCluster.City.Map;
        var pointZone = map.FindZone(point.Lat, point.Lon)!.Code;
        var farZone = map.FindZone(farAt.Lat, farAt.Lon)!.Code;
        Assert.NotEqual(pointZone, farZone);
        var table = Engine.Cluster.Silos[0].ServiceProvider.GetRequiredService<ZoneAvailability>();

        // A DKP officer at the report's point, the only Dishub officer 3 km away.
        await Scenario.OnDutyAsync("dkp-here", "DKP", Scenario.Offset(point, 20, 0));
        var dishub = Scenario.OfficerId("dishub-far");
        await Scenario.OnDutyAsync("dishub-far", "Dishub", farAt);
        // Positions reach the zones one way: wait for both zones' entries (a zone without one is always "maybe"; only an
        // entry can say "nobody", here of BPBD, whom neither zone has).
        await UntilAsync(() => !Has(table, pointZone, "BPBD") && !Has(table, farZone, "BPBD"), "both zones to have their entries");
        await UntilAsync(() => Has(table, farZone, "Dishub") && Has(table, pointZone, "DKP"), $"{farZone} to list its Dishub officer and {pointZone} its DKP officer");
        Assert.False(Has(table, pointZone, "Dishub"), $"{pointZone} has no Dishub officer, and its entry must say so");

        // The report's own zone (and every other zone known empty of Dishub) is skipped; the far officer is found.
        var (first, _) = await Scenario.ReportAsync("traffic-jam", point, "the only Dishub officer is 3 km away");
        await WaitForReportAsync((await ReportAsync(first)).Report.Id, "Offered");
        Assert.Equal(dishub, (await ReportAsync(first)).OfficerId);
        await UntilAsync(() => !Has(table, farZone, "Dishub"), $"{farZone} to drop its Dishub officer, now offered a report");

        // The officer refuses: available again, at once in the table, and the next report (another category, not a
        // duplicate) goes to it.
        var refused = await first.RefuseAsync(dishub, "busy");
        Assert.True(refused.Ok, refused.Error);
        await UntilAsync(() => Has(table, farZone, "Dishub") && !Has(table, farZone, "BPBD"), $"{farZone} to list its Dishub officer again");
        var (second, _) = await Scenario.ReportAsync("illegal-parking", point, "the Dishub officer is free again");
        var secondId = (await ReportAsync(second)).Report.Id;
        await WaitForReportAsync(secondId, "Offered");
        Assert.Equal(dishub, (await ReportAsync(second)).OfficerId);

        // A zone that goes away takes its entry with it: it is asked again (and rebuilt) by the next search.
        await Engine.Cluster.DeactivateNowAsync(Grains.Zone(pointZone));
        Assert.True(Has(table, pointZone, "BPBD"), "a zone without an entry must be asked");
    }

    private bool Has(ZoneAvailability table, string zone, string agency) => table.MayHaveAvailable(zone, agency, Engine.Time.GetUtcNow());

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, $"waited 20 s for {what}");
            await Task.Delay(20);
        }
    }
}
