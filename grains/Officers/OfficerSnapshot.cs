namespace TangerangLive.Grains.Officers;

/// <summary>What the outside world may see of an officer.</summary>
[GenerateSerializer, Immutable]
public sealed record OfficerSnapshot(
    [property: Id(0)] OfficerProfile Profile,
    [property: Id(1)] DateTimeOffset RegisteredAt,
    [property: Id(2)] DateTimeOffset UpdatedAt);
