using Orleans;

namespace TangerangLive.Grains.Attendance;

/// <summary>
/// What the integrity checker remembers between fixes: the last accepted fix and how many fixes in a
/// row (including it) carried exactly its coordinates.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct FixTrack(
    [property: Id(0)] Fix LastAccepted,
    [property: Id(1)] int IdenticalRun);
