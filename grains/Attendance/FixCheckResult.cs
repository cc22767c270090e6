using System.Collections.Immutable;
using Orleans;

namespace TangerangLive.Grains.Attendance;

/// <summary>
/// The outcome of checking one fix: the flags raised, whether the fix was accepted as the new
/// reference position (it is not when its speed is implausible), and the track to keep for the next fix.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FixCheckResult(
    [property: Id(0)] ImmutableArray<IntegrityFlag> Flags,
    [property: Id(1)] bool Accepted,
    [property: Id(2)] FixTrack Track)
{
    /// <summary>True when the fix raised the given kind of flag.</summary>
    public bool Has(IntegrityFlagType type) => Flags.Any(flag => flag.Type == type);
}
