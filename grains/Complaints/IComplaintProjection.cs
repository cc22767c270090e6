namespace TangerangLive.Grains.Complaints;

/// <summary>
/// The query model: every saved version of a report is handed here, and written to the project's own
/// PostgreSQL tables in batches, idempotently (newer versions win; timeline rows are keyed by sequence).
/// </summary>
public interface IComplaintProjection
{
    void Enqueue(ComplaintSnapshot snapshot);
}
