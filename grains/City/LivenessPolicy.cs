using Orleans;

namespace TangerangLive.Grains.City;

/// <summary>
/// When an officer's app counts as offline. The app sends a heartbeat every
/// <see cref="HeartbeatIntervalSeconds"/> (a few seconds). The default threshold of 90 s is long
/// enough to ride out a dozen or more lost heartbeats (a tunnel, a lift, a cell hand-over) without
/// flapping, yet short enough that an officer whose phone died is out of matching and shown
/// offline within about a minute and a half; Traccar's 600 s suits devices reporting every 300 s,
/// not a live dispatch app.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LivenessPolicy(
    [property: Id(0)] int HeartbeatIntervalSeconds,
    [property: Id(1)] int OfflineThresholdSeconds)
{
    /// <summary>The default heartbeat interval.</summary>
    public const int DefaultHeartbeatIntervalSeconds = 5;

    /// <summary>The default offline threshold (see the type's remarks for the reason).</summary>
    public const int DefaultOfflineThresholdSeconds = 90;

    /// <summary>The offline threshold as a time span.</summary>
    public TimeSpan OfflineThreshold => TimeSpan.FromSeconds(OfflineThresholdSeconds);
}
