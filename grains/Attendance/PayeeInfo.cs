using Orleans;

namespace TangerangLive.Grains.Attendance;

/// <summary>The name and agency printed beside an officer's honorarium.</summary>
[GenerateSerializer, Immutable]
public sealed record PayeeInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] string Agency);
