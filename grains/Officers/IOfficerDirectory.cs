namespace TangerangLive.Grains.Officers;

/// <summary>
/// The roster as a table (officer_directory): written by bulk imports and by the Officer grains, read for
/// listings and payroll, and by an Officer grain that has no state yet (an officer imported in bulk).
/// </summary>
public interface IOfficerDirectory
{
    Task UpsertAsync(OfficerProfile profile, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The officer's roster entry with its tracking devices, or null when the roster has no such officer.</summary>
    Task<OfficerProfile?> FindAsync(string officerId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OfficerProfile>> ListAsync(string? agency = null, CancellationToken cancellationToken = default);
}
