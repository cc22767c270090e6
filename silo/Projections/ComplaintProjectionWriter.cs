using System.Threading.Channels;
using Npgsql;
using TangerangLive.Grains.Complaints;

namespace TangerangLive.Silo.Projections;

/// <summary>
/// Writes report versions to the query tables in batches. Idempotent: a row is only replaced by a newer
/// version and timeline rows are keyed by (report, sequence), so a retried batch changes nothing.
/// A failed batch is retried until it lands; the grains re-enqueue their state on activation, so a
/// version lost with a dead silo's queue is written again when the report comes back.
/// </summary>
public sealed partial class ComplaintProjectionWriter(NpgsqlDataSource dataSource, ILogger<ComplaintProjectionWriter> logger)
    : BackgroundService, IComplaintProjection
{
    private const int MaxBatch = 500;

    private readonly Channel<ComplaintSnapshot> _queue = Channel.CreateUnbounded<ComplaintSnapshot>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, int> _timelineWritten = new(StringComparer.Ordinal);
    private long _enqueued;
    private long _written;

    /// <summary>Versions handed over but not yet written.</summary>
    public long Pending => Interlocked.Read(ref _enqueued) - Interlocked.Read(ref _written);

    public void Enqueue(ComplaintSnapshot snapshot)
    {
        Interlocked.Increment(ref _enqueued);
        _queue.Writer.TryWrite(snapshot);
    }

    /// <summary>Waits until every version enqueued before this call is written.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var target = Interlocked.Read(ref _enqueued);
        while (Interlocked.Read(ref _written) < target)
        {
            await Task.Delay(20, cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await DrainAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: write what is queued, within a short grace period.
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await DrainAsync(grace.Token);
        }
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        var batch = new List<ComplaintSnapshot>(MaxBatch);
        while (_queue.Reader.TryPeek(out _))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            await WriteWithRetryAsync(batch, cancellationToken);
            Interlocked.Add(ref _written, batch.Count);
            batch.Clear();
        }
    }

    private async Task WriteWithRetryAsync(List<ComplaintSnapshot> batch, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await WriteAsync(batch, stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                LogRetry(logger, batch.Count, delay.TotalMilliseconds, ex.Message);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 10_000));
            }
        }
    }

    private async Task WriteAsync(List<ComplaintSnapshot> batch, CancellationToken cancellationToken)
    {
        var newest = batch.GroupBy(s => s.Report.Id).Select(g => g.MaxBy(s => s.Version)!).ToList();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var sql = new NpgsqlBatch(connection, transaction);
        foreach (var snapshot in newest)
        {
            sql.BatchCommands.Add(ComplaintRow(snapshot));
            var after = _timelineWritten.GetValueOrDefault(snapshot.Report.Id);
            foreach (var entry in snapshot.Timeline.Where(e => e.Seq > after))
            {
                sql.BatchCommands.Add(TimelineRow(snapshot.Report.Id, entry));
            }
        }

        await sql.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var snapshot in newest)
        {
            _timelineWritten[snapshot.Report.Id] = Math.Max(_timelineWritten.GetValueOrDefault(snapshot.Report.Id), snapshot.Timeline.Count);
        }
    }

    private static NpgsqlBatchCommand ComplaintRow(ComplaintSnapshot s)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO complaints (id, version, category, agency, status, priority, zone_code, lat, lon, description, channel,
                                    reporter_id, officer_id, duplicate_of, attempts, photo_count, submitted_at, sla_due_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
            ON CONFLICT (id) DO UPDATE SET
                version = excluded.version, category = excluded.category, agency = excluded.agency, status = excluded.status,
                priority = excluded.priority, officer_id = excluded.officer_id, duplicate_of = excluded.duplicate_of,
                attempts = excluded.attempts, sla_due_at = excluded.sla_due_at, updated_at = excluded.updated_at
            WHERE complaints.version < excluded.version
            """);
        var r = s.Report;
        object?[] values =
        [
            r.Id, s.Version, r.Category, r.Agency, s.Status.ToString(), r.Priority, r.ZoneCode, r.Lat, r.Lon, r.Description, r.Channel,
            r.Reporter.UserId, s.OfficerId, s.DuplicateOf, s.Attempts, r.Photos.Count, r.SubmittedAt, r.SlaDueAt, s.UpdatedAt,
        ];
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        // Typed nulls, so PostgreSQL knows what an absent value is.
        command.Parameters[11].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text;
        command.Parameters[12].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text;
        command.Parameters[13].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text;
        return command;
    }

    private static NpgsqlBatchCommand TimelineRow(string complaintId, TimelineEntry e)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO complaint_timeline (complaint_id, seq, at, kind, actor, reason, officer_id, detail)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (complaint_id, seq) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = complaintId });
        command.Parameters.Add(new NpgsqlParameter { Value = e.Seq });
        command.Parameters.Add(new NpgsqlParameter { Value = e.At });
        command.Parameters.Add(new NpgsqlParameter { Value = e.Kind });
        command.Parameters.Add(new NpgsqlParameter { Value = e.Actor });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)e.Reason ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)e.OfficerId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)e.Detail ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return command;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Query model write of {Count} report versions failed; retrying in {DelayMs} ms: {Error}")]
    private static partial void LogRetry(ILogger logger, int count, double delayMs, string error);
}
