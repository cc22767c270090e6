namespace TangerangLive.Grains.Officers;

/// <summary>Where an officer stands in the working day.</summary>
public enum OfficerDuty
{
    /// <summary>Not on shift.</summary>
    OffDuty,

    /// <summary>On shift, free to take a report.</summary>
    Available,

    /// <summary>Offered a report, must acknowledge before the deadline.</summary>
    Offered,

    /// <summary>Took the report.</summary>
    Acknowledged,

    /// <summary>On the way.</summary>
    EnRoute,

    /// <summary>At the place of the report.</summary>
    OnScene,
}
