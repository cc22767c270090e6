using Orleans;

namespace TangerangLive.Grains.Attendance;

/// <summary>A stretch of a shift during which the officer was not online.</summary>
[GenerateSerializer, Immutable]
public sealed record OfflineGap(
    [property: Id(0)] DateTimeOffset Start,
    [property: Id(1)] DateTimeOffset End)
{
    /// <summary>Length of the gap in seconds.</summary>
    public double Seconds => (End - Start).TotalSeconds;
}
