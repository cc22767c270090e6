using Orleans;

namespace TangerangLive.Grains.City;

/// <summary>
/// Two open reports of the same category within <see cref="RadiusMetres"/> and
/// <see cref="WindowMinutes"/> of each other are duplicates: linked, not dispatched twice.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DuplicatePolicy(
    [property: Id(0)] double RadiusMetres,
    [property: Id(1)] int WindowMinutes);
