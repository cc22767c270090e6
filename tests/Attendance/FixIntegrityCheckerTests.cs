using TangerangLive.Grains.Attendance;
using static TangerangLive.Tests.Attendance.TestClock;

namespace TangerangLive.Tests.Attendance;

public class FixIntegrityCheckerTests
{
    private const double Lat = -6.1844;
    private const double Lon = 106.6520;
    private static readonly DateTimeOffset T0 = Wib(2025, 3, 3, 9, 0);
    private readonly FixIntegrityChecker _checker = new();

    [Fact]
    public void First_fix_inside_the_city_with_a_good_clock_raises_nothing()
    {
        var result = _checker.Check(null, At(Lat, Lon, 0), InsideTangerang);

        Assert.Empty(result.Flags);
        Assert.True(result.Accepted);
        Assert.Equal(1, result.Track.IdenticalRun);
    }

    [Fact]
    public void Motorbike_speed_is_plausible_and_a_jump_across_Jakarta_is_not()
    {
        var start = _checker.Check(null, At(Lat, Lon, 0), InsideTangerang);
        // About 0.0030 degrees of latitude (~334 m) in 20 s is ~60 km/h.
        var ride = _checker.Check(start.Track, At(Lat + 0.0030, Lon, 20), InsideTangerang);
        var jump = _checker.Check(ride.Track, At(-6.2088, 106.8456, 30), (_, _) => true);

        Assert.Empty(ride.Flags);
        var flag = Assert.Single(jump.Flags);
        Assert.Equal(IntegrityFlagType.ImplausibleSpeed, flag.Type);
        Assert.Equal(T0.AddSeconds(30), flag.At);
        Assert.Contains("km/h", flag.Detail, StringComparison.Ordinal);
        Assert.False(jump.Accepted);
        Assert.Equal(ride.Track, jump.Track);
    }

    [Fact]
    public void Jitter_within_the_reported_accuracy_is_not_movement()
    {
        var start = _checker.Check(null, At(Lat, Lon, 0, accuracy: 30), InsideTangerang);
        // ~55 m in 1 s would be ~200 km/h, but both fixes are only good to 30 m.
        var jitter = _checker.Check(start.Track, At(Lat + 0.0005, Lon, 1, accuracy: 30), InsideTangerang);

        Assert.Empty(jitter.Flags);
    }

    [Fact]
    public void Fix_outside_the_city_is_flagged()
    {
        var result = _checker.Check(null, At(-6.3000, 106.6520, 0), InsideTangerang);

        var flag = Assert.Single(result.Flags);
        Assert.Equal(IntegrityFlagType.OutsideCity, flag.Type);
        Assert.Equal("fix at -6.300000, 106.652000 is outside the city", flag.Detail);
    }

    [Fact]
    public void Clock_skew_of_exactly_the_limit_passes_and_one_second_more_is_flagged()
    {
        var atLimit = _checker.Check(null, At(Lat, Lon, 0, skew: TimeSpan.FromMinutes(5)), InsideTangerang);
        var beyond = _checker.Check(null, At(Lat, Lon, 0, skew: TimeSpan.FromSeconds(-301)), InsideTangerang);

        Assert.Empty(atLimit.Flags);
        var flag = Assert.Single(beyond.Flags);
        Assert.Equal(IntegrityFlagType.ClockSkew, flag.Type);
        Assert.Equal("device clock is 301 s behind the server (limit 300 s)", flag.Detail);
    }

    [Fact]
    public void Ten_identical_fixes_in_a_row_raise_one_repeated_fix_flag()
    {
        FixTrack? track = null;
        var flagsPerFix = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            var result = _checker.Check(track, At(Lat, Lon, i * 5), InsideTangerang);
            flagsPerFix.Add(result.Flags.Count(flag => flag.Type == IntegrityFlagType.RepeatedFix));
            track = result.Track;
        }

        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0], flagsPerFix);
        Assert.Equal(12, track!.Value.IdenticalRun);
    }

    [Fact]
    public void A_different_fix_restarts_the_identical_run()
    {
        var track = _checker.Check(null, At(Lat, Lon, 0), InsideTangerang).Track;
        track = _checker.Check(track, At(Lat, Lon, 5), InsideTangerang).Track;
        track = _checker.Check(track, At(Lat + 0.00001, Lon, 10), InsideTangerang).Track;

        Assert.Equal(1, track.IdenticalRun);
    }

    [Fact]
    public void Repeated_fix_count_is_configurable()
    {
        var checker = new FixIntegrityChecker(new FixIntegrityOptions { RepeatedFixCount = 3 });
        var track = checker.Check(null, At(Lat, Lon, 0), InsideTangerang).Track;
        track = checker.Check(track, At(Lat, Lon, 5), InsideTangerang).Track;
        var third = checker.Check(track, At(Lat, Lon, 10), InsideTangerang);

        Assert.True(third.Has(IntegrityFlagType.RepeatedFix));
    }

    [Fact]
    public void Impossible_coordinates_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _checker.Check(null, At(999, Lon, 0), InsideTangerang));
        Assert.Throws<ArgumentOutOfRangeException>(() => _checker.Check(null, At(Lat, double.NaN, 0), InsideTangerang));
    }

    private static Fix At(double lat, double lon, int seconds, double accuracy = 5, TimeSpan skew = default)
    {
        var server = T0.AddSeconds(seconds);
        return new Fix(lat, lon, server + skew, server, accuracy);
    }
}
