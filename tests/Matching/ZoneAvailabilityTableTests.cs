using TangerangLive.Grains.Zones;

namespace TangerangLive.Tests.Matching;

/// <summary>The silo's table of zone availability on its own: what it says with no entry, a stale entry, a replaced one.</summary>
public class ZoneAvailabilityTableTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 3, 5, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Only_a_fresh_entry_of_the_zone_can_say_nobody_of_the_agency_is_available_there()
    {
        var table = new ZoneAvailability();
        Assert.True(table.MayHaveAvailable("3671011001", "Dishub", Noon), "a zone with no entry must be asked");

        var entry = table.Attach("3671011001", ["DKP"], Noon);
        Assert.False(table.MayHaveAvailable("3671011001", "Dishub", Noon));
        Assert.True(table.MayHaveAvailable("3671011001", "dkp", Noon), "agencies compare without case, as the index's buckets do");

        entry.Set("Dishub", true);
        Assert.True(table.MayHaveAvailable("3671011001", "Dishub", Noon));
        entry.Set("Dishub", false);
        Assert.False(table.MayHaveAvailable("3671011001", "Dishub", Noon + ZoneAvailability.StaleAfter));

        // Not swept for longer than StaleAfter: no longer trusted, the zone is asked.
        Assert.True(table.MayHaveAvailable("3671011001", "Dishub", Noon + ZoneAvailability.StaleAfter + TimeSpan.FromSeconds(1)));
        entry.Touch(Noon + TimeSpan.FromSeconds(20));
        Assert.False(table.MayHaveAvailable("3671011001", "Dishub", Noon + ZoneAvailability.StaleAfter + TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void An_old_activation_leaving_does_not_take_out_the_entry_of_the_new_one()
    {
        var table = new ZoneAvailability();
        var old = table.Attach("3671011001", [], Noon);
        var current = table.Attach("3671011001", ["Dishub"], Noon);
        table.Detach("3671011001", old);
        Assert.True(table.MayHaveAvailable("3671011001", "Dishub", Noon));
        Assert.False(table.MayHaveAvailable("3671011001", "BPBD", Noon), "the new activation's entry is still there");
        table.Detach("3671011001", current);
        Assert.True(table.MayHaveAvailable("3671011001", "BPBD", Noon));
    }
}
