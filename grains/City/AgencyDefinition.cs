using Orleans;

namespace TangerangLive.Grains.City;

/// <summary>
/// A city agency (OPD). <see cref="Dispatches"/> is false for agencies that take reports without
/// sending field officers (for example Dinkes, whose reports are handled by phone).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AgencyDefinition(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string FullName,
    [property: Id(3)] bool Dispatches);
