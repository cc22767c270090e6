namespace TangerangLive.Grains.Attendance;

/// <summary>The result of checking one officer's stored chain of sealed days.</summary>
[GenerateSerializer, Immutable]
public sealed record AttendanceVerification(
    [property: Id(0)] string OfficerId,
    [property: Id(1)] int Days,
    [property: Id(2)] bool Valid,
    [property: Id(3)] DateOnly? BrokenDay,
    [property: Id(4)] string? Reason);
