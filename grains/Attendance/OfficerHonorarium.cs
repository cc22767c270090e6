using Orleans;

namespace TangerangLive.Grains.Attendance;

/// <summary>One officer's line in a monthly honorarium recap. Money is in IDR.</summary>
[GenerateSerializer, Immutable]
public sealed record OfficerHonorarium(
    [property: Id(0)] string OfficerId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Agency,
    [property: Id(3)] int DaysPresent,
    [property: Id(4)] int DaysPartial,
    [property: Id(5)] int DaysAbsent,
    [property: Id(6)] decimal DailyRate,
    [property: Id(7)] decimal Amount);
