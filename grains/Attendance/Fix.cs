using Orleans;

namespace TangerangLive.Grains.Attendance;

/// <summary>A location fix from an officer's app, with both clocks and the reported accuracy in metres.</summary>
[GenerateSerializer, Immutable]
public sealed record Fix(
    [property: Id(0)] double Latitude,
    [property: Id(1)] double Longitude,
    [property: Id(2)] DateTimeOffset DeviceTime,
    [property: Id(3)] DateTimeOffset ServerTime,
    [property: Id(4)] double AccuracyMeters);
