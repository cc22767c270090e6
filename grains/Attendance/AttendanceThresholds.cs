using Orleans;

namespace TangerangLive.Grains.Attendance;

/// <summary>The coverage fractions (0..1 of the shift) that make a day present or partial.</summary>
[GenerateSerializer, Immutable]
public sealed record AttendanceThresholds(
    [property: Id(0)] double PresentCoverage,
    [property: Id(1)] double PartialCoverage)
{
    /// <summary>Present at 90 % coverage, partial at 50 %.</summary>
    public static AttendanceThresholds Default { get; } = new(0.90, 0.50);

    /// <summary>The status earned by <paramref name="coverage"/>.</summary>
    public AttendanceStatus StatusFor(double coverage)
    {
        Validate();
        return coverage >= PresentCoverage ? AttendanceStatus.Present
            : coverage >= PartialCoverage ? AttendanceStatus.Partial
            : AttendanceStatus.Absent;
    }

    /// <summary>Throws unless 0 ≤ partial ≤ present ≤ 1.</summary>
    public void Validate()
    {
        if (!(PartialCoverage >= 0 && PartialCoverage <= PresentCoverage && PresentCoverage <= 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(PresentCoverage),
                "Attendance thresholds must satisfy 0 <= partial <= present <= 1.");
        }
    }
}
