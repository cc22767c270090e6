using Orleans;

namespace TangerangLive.Grains.Attendance;

/// <summary>A closed day record linked to the one before it by SHA-256 hashes (lower-case hex).</summary>
[GenerateSerializer, Immutable]
public sealed record SealedRecord(
    [property: Id(0)] DailyAttendance Record,
    [property: Id(1)] string PreviousHash,
    [property: Id(2)] string Hash);
