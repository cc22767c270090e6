namespace TangerangLive.Grains.Officers;

/// <summary>The roster as a table (officer_directory), kept by the Officer grains for listings and payroll.</summary>
public interface IOfficerDirectory
{
    Task UpsertAsync(OfficerProfile profile, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OfficerProfile>> ListAsync(string? agency = null, CancellationToken cancellationToken = default);
}
