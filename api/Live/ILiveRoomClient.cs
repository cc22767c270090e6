using TangerangLive.Grains.Live;

namespace TangerangLive.Api.Live;

/// <summary>What the Live Room hub pushes to operators' and viewers' screens.</summary>
public interface ILiveRoomClient
{
    Task ComplaintChanged(ComplaintChanged change);

    /// <summary>Latest positions, batched: at most a few pushes per second per screen.</summary>
    Task OfficersMoved(IReadOnlyList<OfficerMoved> moves);

    Task OfficerStatusChanged(OfficerStatusChanged change);

    Task Alert(OperatorAlert alert);

    /// <summary>A zone's counters changed (at most once per zone sweep): screens update counters without asking.</summary>
    Task ZoneCountersChanged(ZoneCountersChanged counters);
}
