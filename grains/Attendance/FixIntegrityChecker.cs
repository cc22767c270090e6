using System.Collections.Immutable;
using System.Globalization;

namespace TangerangLive.Grains.Attendance;

/// <summary>
/// Checks each new location fix against the previous accepted one for signs of a fake position:
/// impossible speed, a point outside the city, a skewed device clock, identical coordinates
/// repeated too often, and a fix the device itself marks as mock. Every problem is returned as a flag; nothing is dropped silently.
/// </summary>
public sealed class FixIntegrityChecker
{
    private readonly FixIntegrityOptions _options;

    /// <summary>Creates a checker with the given limits (defaults when null).</summary>
    public FixIntegrityChecker(FixIntegrityOptions? options = null)
    {
        _options = options ?? new FixIntegrityOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.MaxPlausibleSpeedKmh, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxClockSkew, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.RepeatedFixCount, 2);
    }

    /// <summary>
    /// Checks <paramref name="next"/> given what is known from earlier fixes (null for the first fix).
    /// Speed is measured on the device clock between the two fixes, over the distance left after
    /// subtracting both fixes' accuracy radii, so ordinary GPS jitter is not mistaken for movement.
    /// </summary>
    public FixCheckResult Check(FixTrack? previous, Fix next, Func<double, double, bool> insideCity)
    {
        ArgumentNullException.ThrowIfNull(insideCity);
        ValidateCoordinates(next);
        return Check(previous, next, insideCity(next.Latitude, next.Longitude));
    }

    /// <summary>
    /// The same check when the caller already knows whether the fix lies inside the city (the officer grain looks
    /// its zone up anyway: one lookup per heartbeat instead of two). Allocates nothing for a fix without flags.
    /// </summary>
    public FixCheckResult Check(FixTrack? previous, Fix next, bool insideCity)
    {
        ValidateCoordinates(next);

        var flags = new FlagList();
        var at = next.ServerTime.ToUniversalTime();

        var speedFlag = previous is { } last ? CheckSpeed(last.LastAccepted, next, at) : null;
        if (speedFlag is not null)
        {
            flags.Add(speedFlag);
        }

        if (!insideCity)
        {
            flags.Add(new IntegrityFlag(
                IntegrityFlagType.OutsideCity,
                at,
                Invariant($"fix at {next.Latitude:0.000000}, {next.Longitude:0.000000} is outside the city")));
        }

        var skew = next.DeviceTime - next.ServerTime;
        if (skew.Duration() > _options.MaxClockSkew)
        {
            flags.Add(new IntegrityFlag(
                IntegrityFlagType.ClockSkew,
                at,
                Invariant($"device clock is {skew.Duration().TotalSeconds:0} s {(skew > TimeSpan.Zero ? "ahead of" : "behind")} the server (limit {_options.MaxClockSkew.TotalSeconds:0} s)")));
        }

        if (next.Mock)
        {
            flags.Add(new IntegrityFlag(IntegrityFlagType.MockLocation, at, "the device reported this fix as a mock location"));
        }

        var run = previous is { } earlier && SameCoordinates(earlier.LastAccepted, next) ? earlier.IdenticalRun + 1 : 1;
        if (run == _options.RepeatedFixCount)
        {
            flags.Add(new IntegrityFlag(
                IntegrityFlagType.RepeatedFix,
                at,
                Invariant($"{run} fixes in a row at exactly {next.Latitude:R}, {next.Longitude:R}")));
        }

        var accepted = speedFlag is null;
        var track = accepted ? new FixTrack(next, run) : previous!.Value;
        return new FixCheckResult(flags.ToImmutable(), accepted, track);
    }

    /// <summary>The flags of one check: no builder at all for the usual fix that raises none.</summary>
    private struct FlagList
    {
        private ImmutableArray<IntegrityFlag>.Builder? _flags;

        public void Add(IntegrityFlag flag) => (_flags ??= ImmutableArray.CreateBuilder<IntegrityFlag>()).Add(flag);

        public readonly ImmutableArray<IntegrityFlag> ToImmutable() => _flags?.ToImmutable() ?? [];
    }

    private IntegrityFlag? CheckSpeed(Fix from, Fix to, DateTimeOffset at)
    {
        var distance = GeoMath.HaversineMeters(from.Latitude, from.Longitude, to.Latitude, to.Longitude);
        var uncertainty = Math.Max(0, from.AccuracyMeters) + Math.Max(0, to.AccuracyMeters);
        var moved = Math.Max(0, distance - uncertainty);
        if (moved <= 0)
        {
            return null;
        }

        var elapsed = to.DeviceTime - from.DeviceTime;
        var speedKmh = elapsed > TimeSpan.Zero ? moved / elapsed.TotalSeconds * 3.6 : double.PositiveInfinity;
        if (speedKmh <= _options.MaxPlausibleSpeedKmh)
        {
            return null;
        }

        return new IntegrityFlag(
            IntegrityFlagType.ImplausibleSpeed,
            at,
            Invariant($"{speedKmh:0.0} km/h: {distance:0} m (±{uncertainty:0} m) in {elapsed.TotalSeconds:0.0} s of device time (limit {_options.MaxPlausibleSpeedKmh:0} km/h)"));
    }

    private static bool SameCoordinates(Fix a, Fix b) =>
        a.Latitude.Equals(b.Latitude) && a.Longitude.Equals(b.Longitude);

    private static void ValidateCoordinates(Fix fix)
    {
        if (!double.IsFinite(fix.Latitude) || fix.Latitude is < -90 or > 90)
        {
            throw new ArgumentOutOfRangeException(nameof(fix), fix.Latitude, "Latitude must be between -90 and 90.");
        }

        if (!double.IsFinite(fix.Longitude) || fix.Longitude is < -180 or > 180)
        {
            throw new ArgumentOutOfRangeException(nameof(fix), fix.Longitude, "Longitude must be between -180 and 180.");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
