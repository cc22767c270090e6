namespace TangerangLive.LoadTest.Run;

/// <summary>What a simulated officer is doing, as the simulator knows it.</summary>
internal enum OfficerPhase
{
    /// <summary>Not on shift (before the start, after the end).</summary>
    OffDuty,

    /// <summary>On shift, free for an offer.</summary>
    Available,

    /// <summary>Holds a report (offered, acknowledged, en route or on scene).</summary>
    Holding,

    /// <summary>The phone is off the network: no heartbeats, no hub.</summary>
    DroppedOut,
}
