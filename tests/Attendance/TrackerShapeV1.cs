using TangerangLive.Grains.Attendance;

namespace TangerangLive.Tests.Attendance;

/// <summary>
/// The online interval tracker's fields as sessions 1-5 wrote them to grain storage (the closed intervals always a
/// list, empty or not), to check that what they stored still reads.
/// </summary>
[GenerateSerializer]
public sealed class TrackerShapeV1
{
    [Id(0)]
    public List<Interval> Closed { get; set; } = [];

    [Id(1)]
    public DateTimeOffset? OpenStart { get; set; }

    [Id(2)]
    public DateTimeOffset? LastHeartbeat { get; set; }

    [Id(3)]
    public TimeSpan OfflineThreshold { get; set; }
}
