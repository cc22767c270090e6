using TangerangLive.Grains;
using TangerangLive.Grains.Officers;
using TangerangLive.Grains.Zones;
using TangerangLive.Tests.Dispatch;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Backbone;

/// <summary>
/// <see cref="GrainReferences{TGrain}"/> makes references from a grain id and the types it resolved once: they must be
/// the references Orleans' own <c>GetGrain</c> makes, and reach the same activation.
/// </summary>
public sealed class GrainReferencesTests(DispatchDatabase database) : DispatchTestBase(database)
{
    [Fact]
    public async Task References_made_from_the_resolved_types_equal_Orleans_own_and_reach_the_same_officer()
    {
        var officer = await Scenario.OnDutyAsync("ref", "Dishub", Scenario.ZoneCentre(10));
        var id = Scenario.OfficerId("ref");

        var mine = Grains.Officer(id);
        var orleans = Grains.GetGrain<IOfficerGrain>(OfficerKey.For(id));
        Assert.Equal(orleans.GetGrainId(), mine.GetGrainId());
        Assert.Equal(((GrainReference)(object)orleans).InterfaceType, ((GrainReference)(object)mine).InterfaceType);
        Assert.Equal(orleans, mine);
        Assert.Equal(Grains.Officer(id), mine);

        var seen = await mine.GetAsync();
        Assert.NotNull(seen);
        Assert.Equal(id, seen.Profile.OfficerId);
        Assert.Equal(OfficerDuty.Available, seen.Duty);
        Assert.Equal(officer.GetGrainId(), mine.GetGrainId());

        // Another grain interface through the same helper gets its own types, not the officer's.
        var zoneCode = DispatchCluster.City.Map.All[10].Code;
        var zone = Grains.Zone(zoneCode);
        Assert.Equal(Grains.GetGrain<IZoneGrain>(ZoneKey.For(zoneCode)), zone);
        Assert.NotEqual(((GrainReference)(object)mine).InterfaceType, ((GrainReference)(object)zone).InterfaceType);
    }
}
