using Orleans;

namespace TangerangLive.Grains.Attendance;

/// <summary>The outcome of verifying a chain: valid, or the first broken index and why.</summary>
[GenerateSerializer, Immutable]
public sealed record ChainVerification(
    [property: Id(0)] bool IsValid,
    [property: Id(1)] int? BrokenIndex,
    [property: Id(2)] string? Reason)
{
    /// <summary>A chain with no broken link.</summary>
    public static ChainVerification Valid { get; } = new(true, null, null);

    /// <summary>A chain broken at <paramref name="index"/>.</summary>
    public static ChainVerification BrokenAt(int index, string reason) => new(false, index, reason);
}
