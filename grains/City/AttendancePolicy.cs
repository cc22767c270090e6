using Orleans;

namespace TangerangLive.Grains.City;

/// <summary>
/// How a day's online coverage of the shift becomes attendance: coverage at or above
/// <see cref="PresentCoverage"/> is present, at or above <see cref="PartialCoverage"/> partial,
/// otherwise absent. A present day earns <see cref="HonorariumDailyRateIdr"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AttendancePolicy(
    [property: Id(0)] double PresentCoverage,
    [property: Id(1)] double PartialCoverage,
    [property: Id(2)] long HonorariumDailyRateIdr);
