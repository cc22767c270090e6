using Orleans;

namespace TangerangLive.Grains.Attendance;

/// <summary>What kind of integrity problem a location fix showed.</summary>
[GenerateSerializer]
public enum IntegrityFlagType
{
    /// <summary>The distance from the previous fix implies an impossible speed.</summary>
    ImplausibleSpeed,

    /// <summary>The fix lies outside the city.</summary>
    OutsideCity,

    /// <summary>The device clock differs from the server clock by more than allowed.</summary>
    ClockSkew,

    /// <summary>Too many fixes in a row carry exactly the same coordinates, a sign of spoofing.</summary>
    RepeatedFix,

    /// <summary>The phone itself reported the fix as coming from a mock-location provider.</summary>
    MockLocation,
}

/// <summary>One recorded integrity problem: its kind, the server time of the fix, and a readable detail.</summary>
[GenerateSerializer, Immutable]
public sealed record IntegrityFlag(
    [property: Id(0)] IntegrityFlagType Type,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Detail);
