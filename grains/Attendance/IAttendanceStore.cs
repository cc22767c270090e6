namespace TangerangLive.Grains.Attendance;

/// <summary>Closed, sealed attendance days in PostgreSQL (table attendance_days).</summary>
public interface IAttendanceStore
{
    /// <summary>Stores a sealed day once. A day already stored is never changed: returns the stored record.</summary>
    Task<SealedRecord> SaveAsync(SealedRecord sealedDay, string agency, CancellationToken cancellationToken = default);

    /// <summary>Sealed days in [from, to], by officer then day, optionally for one officer or agency.</summary>
    /// <summary>
    /// Re-computes every stored day's hash from its record and checks the links to the previous day and that
    /// the query columns agree with the sealed record: one result per officer.
    /// </summary>
    Task<IReadOnlyList<AttendanceVerification>> VerifyAsync(DateOnly from, DateOnly to, string? officerId = null, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SealedRecord>> ReadAsync(DateOnly from, DateOnly to, string? officerId = null, string? agency = null, CancellationToken cancellationToken = default);
}
