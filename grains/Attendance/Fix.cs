using Orleans;

namespace TangerangLive.Grains.Attendance;

/// <summary>A location fix from an officer's app, with both clocks, the reported accuracy in metres and whether the phone called it a mock location.</summary>
[GenerateSerializer, Immutable]
public readonly record struct Fix(
    [property: Id(0)] double Latitude,
    [property: Id(1)] double Longitude,
    [property: Id(2)] DateTimeOffset DeviceTime,
    [property: Id(3)] DateTimeOffset ServerTime,
    [property: Id(4)] double AccuracyMeters,
    [property: Id(5)] bool Mock = false);
