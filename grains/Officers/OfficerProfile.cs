namespace TangerangLive.Grains.Officers;

/// <summary>Who an officer is: set by admins on the roster.</summary>
[GenerateSerializer, Immutable]
public sealed record OfficerProfile(
    [property: Id(0)] string OfficerId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Agency,
    [property: Id(3)] string Team,
    [property: Id(4)] string Shift,
    [property: Id(5)] IReadOnlyList<string> DeviceIds,
    [property: Id(6)] bool Active);
