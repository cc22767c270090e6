using TangerangLive.Grains.Attendance;
using static TangerangLive.Tests.Attendance.TestClock;

namespace TangerangLive.Tests.Attendance;

public class ShiftDefinitionTests
{
    private static readonly DateOnly Monday = new(2025, 3, 3);

    [Fact]
    public void Default_shifts_are_Pagi_Siang_Malam_of_eight_hours()
    {
        Assert.Equal(["Pagi", "Siang", "Malam"], ShiftDefinition.Defaults.Select(shift => shift.Name));
        Assert.All(ShiftDefinition.Defaults, shift => Assert.Equal(TimeSpan.FromHours(8), shift.Duration));
    }

    [Fact]
    public void Pagi_window_is_06_to_14_WIB_in_UTC()
    {
        var window = ShiftDefinition.Pagi.WindowFor(Monday, Jakarta);

        Assert.Equal(new DateTimeOffset(2025, 3, 2, 23, 0, 0, TimeSpan.Zero), window.Start);
        Assert.Equal(new DateTimeOffset(2025, 3, 3, 7, 0, 0, TimeSpan.Zero), window.End);
        Assert.Equal(TimeSpan.Zero, window.Start.Offset);
    }

    [Fact]
    public void Malam_window_starts_on_its_day_and_ends_the_next_morning()
    {
        var window = ShiftDefinition.Malam.WindowFor(Monday, Jakarta);

        Assert.Equal(Wib(2025, 3, 3, 22, 0), window.Start);
        Assert.Equal(Wib(2025, 3, 4, 6, 0), window.End);
    }

    [Fact]
    public void Window_follows_the_zone_given()
    {
        var utcPlus9 = TimeZoneInfo.CreateCustomTimeZone("WIT", TimeSpan.FromHours(9), "WIT", "WIT");

        var window = ShiftDefinition.Pagi.WindowFor(Monday, utcPlus9);

        Assert.Equal(new DateTimeOffset(2025, 3, 2, 21, 0, 0, TimeSpan.Zero), window.Start);
    }

    [Fact]
    public void Roster_uses_the_usual_shift_unless_a_day_is_overridden_or_off()
    {
        var roster = new RosterEntry("OFF-1", "Pagi")
            .WithShiftOn(Monday.AddDays(1), "malam")
            .WithDayOff(Monday.AddDays(2));

        Assert.Equal(ShiftDefinition.Pagi, roster.ShiftOn(Monday, ShiftDefinition.Defaults));
        Assert.Equal(ShiftDefinition.Malam, roster.ShiftOn(Monday.AddDays(1), ShiftDefinition.Defaults));
        Assert.Null(roster.ShiftOn(Monday.AddDays(2), ShiftDefinition.Defaults));
    }

    [Fact]
    public void Roster_naming_an_unknown_shift_throws()
    {
        var roster = new RosterEntry("OFF-1", "Subuh");

        var error = Assert.Throws<InvalidOperationException>(() => roster.ShiftOn(Monday, ShiftDefinition.Defaults));
        Assert.Contains("Subuh", error.Message, StringComparison.Ordinal);
    }
}
