using TangerangLive.Grains.City;
using TangerangLive.Grains.Matching;

namespace TangerangLive.Tests.Matching;

public class OfficerRosterTests
{
    private static readonly LocalMetric Metric = new(-6.18, 106.65);
    private static readonly DateTime Noon = new(2025, 1, 6, 5, 0, 0, DateTimeKind.Utc);

    private static OfficerRoster RosterWith(params OfficerPosition[] officers)
    {
        var roster = new OfficerRoster("z1", Metric);
        foreach (var o in officers)
        {
            roster.Upsert(o);
        }

        return roster;
    }

    [Fact]
    public void Availability_changes_are_told_only_when_an_agency_gains_its_first_or_loses_its_last_available_officer()
    {
        var roster = new OfficerRoster("z1", Metric);
        var told = new List<string>();
        roster.AvailabilityChanged = (agency, available) => told.Add($"{agency}:{available}");

        roster.Upsert(new OfficerPosition("a", "DKP", -6.18, 106.65, true, Noon));
        roster.Upsert(new OfficerPosition("b", "DKP", -6.18, 106.651, true, Noon));
        roster.Upsert(new OfficerPosition("a", "DKP", -6.18, 106.652, false, Noon));
        roster.Upsert(new OfficerPosition("c", "BPBD", -6.18, 106.65, false, Noon));
        Assert.Equal(["DKP:True"], told);
        Assert.Equal(["DKP"], roster.AgenciesWithAvailable);

        // The last available DKP officer moves to another agency's bucket (a changed profile), then leaves.
        roster.Upsert(new OfficerPosition("b", "BPBD", -6.18, 106.651, true, Noon));
        Assert.Equal(["DKP:True", "DKP:False", "BPBD:True"], told);
        roster.Remove("b");
        roster.Remove("b");
        Assert.Equal(["DKP:True", "DKP:False", "BPBD:True", "BPBD:False"], told);
        Assert.Empty(roster.AgenciesWithAvailable);

        // Silence removes too: the sweep's removal of the only available officer is told.
        roster.Upsert(new OfficerPosition("a", "DKP", -6.18, 106.652, true, Noon));
        roster.RemoveSilentSince(Noon.AddSeconds(1));
        Assert.Equal(["DKP:True", "DKP:False", "BPBD:True", "BPBD:False", "DKP:True", "DKP:False"], told);
        Assert.Equal(0, roster.AvailableCount);
    }

    [Fact]
    public void Nearest_returns_only_available_officers_of_the_agency_ordered_by_distance()
    {
        var roster = RosterWith(
            new OfficerPosition("far", "DKP", -6.18, 106.66, true, Noon),
            new OfficerPosition("near", "DKP", -6.18, 106.651, true, Noon),
            new OfficerPosition("busy", "DKP", -6.18, 106.6501, false, Noon),
            new OfficerPosition("other-agency", "BPBD", -6.18, 106.6502, true, Noon));

        var result = roster.Nearest("DKP", -6.18, 106.65, k: 5, maxMetres: 5000);

        Assert.Equal(["near", "far"], result.Select(c => c.OfficerId));
        Assert.All(result, c => Assert.Equal("z1", c.ZoneCode));
        Assert.Equal(Metric.DistanceMetres(-6.18, 106.65, -6.18, 106.651), result[0].DistanceMetres);
    }

    [Fact]
    public void Equal_distances_are_ordered_by_officer_id_and_k_cuts_the_list()
    {
        var roster = RosterWith(
            new OfficerPosition("c", "DKP", -6.18, 106.651, true, Noon),
            new OfficerPosition("a", "DKP", -6.18, 106.651, true, Noon),
            new OfficerPosition("b", "DKP", -6.18, 106.651, true, Noon));

        Assert.Equal(["a", "b"], roster.Nearest("DKP", -6.18, 106.65, k: 2, maxMetres: 5000).Select(c => c.OfficerId));
    }

    [Fact]
    public void Max_metres_is_inclusive_and_excludes_anyone_beyond()
    {
        var roster = RosterWith(new OfficerPosition("a", "DKP", -6.18, 106.651, true, Noon), new OfficerPosition("b", "DKP", -6.18, 106.652, true, Noon));
        var exact = Metric.DistanceMetres(-6.18, 106.65, -6.18, 106.651);

        Assert.Equal(["a"], roster.Nearest("DKP", -6.18, 106.65, k: 5, maxMetres: exact).Select(c => c.OfficerId));
        Assert.Empty(roster.Nearest("DKP", -6.18, 106.65, k: 5, maxMetres: exact - 1e-9));
    }

    [Fact]
    public void Upsert_moves_an_officer_and_changes_its_agency_and_availability()
    {
        var roster = RosterWith(new OfficerPosition("a", "DKP", -6.18, 106.66, true, Noon));

        roster.Upsert(new OfficerPosition("a", "BPBD", -6.18, 106.651, true, Noon.AddSeconds(5)));

        Assert.Empty(roster.Nearest("DKP", -6.18, 106.65, 5, 10_000));
        Assert.Equal(["a"], roster.Nearest("BPBD", -6.18, 106.65, 5, 10_000).Select(c => c.OfficerId));
        Assert.Equal(1, roster.Count);

        roster.Upsert(new OfficerPosition("a", "BPBD", -6.18, 106.651, false, Noon.AddSeconds(10)));
        Assert.Empty(roster.Nearest("BPBD", -6.18, 106.65, 5, 10_000));
    }

    [Fact]
    public void Remove_and_remove_silent_since_drop_officers_from_matching()
    {
        var roster = RosterWith(
            new OfficerPosition("a", "DKP", -6.18, 106.651, true, Noon),
            new OfficerPosition("b", "DKP", -6.18, 106.652, true, Noon.AddSeconds(-120)),
            new OfficerPosition("c", "DKP", -6.18, 106.653, true, Noon.AddSeconds(-91)));

        Assert.True(roster.Remove("a"));
        Assert.False(roster.Remove("a"));
        Assert.Equal(["b", "c"], roster.RemoveSilentSince(Noon.AddSeconds(-90)).Select(o => o.OfficerId));
        Assert.Equal(0, roster.Count);
        Assert.Empty(roster.Nearest("DKP", -6.18, 106.65, 5, 10_000));
    }

    [Fact]
    public void Counters_follow_officers_joining_leaving_changing_availability_and_agency()
    {
        var roster = RosterWith(
            new OfficerPosition("a", "DKP", -6.18, 106.651, true, Noon),
            new OfficerPosition("b", "DKP", -6.18, 106.652, false, Noon),
            new OfficerPosition("c", "BPBD", -6.18, 106.653, true, Noon));
        Assert.Equal((3, 2), (roster.Count, roster.AvailableCount));
        Assert.Equal(new Dictionary<string, int> { ["DKP"] = 2, ["BPBD"] = 1 }, roster.CountByAgency());

        roster.Upsert(new OfficerPosition("a", "DKP", -6.18, 106.654, false, Noon.AddSeconds(5)));
        roster.Upsert(new OfficerPosition("b", "BPBD", -6.18, 106.652, true, Noon.AddSeconds(5)));
        Assert.Equal((3, 2), (roster.Count, roster.AvailableCount));
        Assert.Equal(new Dictionary<string, int> { ["DKP"] = 1, ["BPBD"] = 2 }, roster.CountByAgency());

        Assert.True(roster.Remove("c"));
        roster.Remove("a");
        Assert.Equal((1, 1), (roster.Count, roster.AvailableCount));
        Assert.Equal(new Dictionary<string, int> { ["BPBD"] = 1 }, roster.CountByAgency());
    }

    [Fact]
    public void Invalid_positions_are_refused()
    {
        var roster = new OfficerRoster("z1", Metric);

        Assert.Throws<ArgumentOutOfRangeException>(() => roster.Upsert(new OfficerPosition("a", "DKP", 999, 106.65, true, Noon)));
        Assert.Equal(0, roster.Count);
    }
}
