using System.Data.Common;
using System.Diagnostics.Metrics;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;
using TangerangLive.Api.Ops;
using TangerangLive.Grains.Complaints;

namespace TangerangLive.Silo.Projections;

/// <summary>
/// Writes report versions to the query tables in batches. Idempotent: a row is only replaced by a newer
/// version and timeline rows are keyed by (report, sequence), so a retried batch changes nothing.
/// A batch that fails for want of the database is retried until it lands; the grains re-enqueue their
/// state on activation, so a version lost with a dead silo's queue is written again when the report
/// comes back. A batch PostgreSQL refuses is written one version at a time, and a version refused alone
/// is quarantined (logged, counted, kept in projection_quarantine for admins) so the rest move on.
/// Nothing thrown while writing stops the service. The timeline rows of every version in a batch are
/// written (a grain keeps only its newest entries, so one version may no longer hold an older one's), and
/// the per-report bookkeeping is bounded by <see cref="ProjectionOptions.MaxTrackedReports"/>.
/// </summary>
public sealed partial class ComplaintProjectionWriter(
    NpgsqlDataSource dataSource, IOptions<ProjectionOptions> options, ILogger<ComplaintProjectionWriter> logger)
    : BackgroundService, IComplaintProjection
{
    private const int MaxBatch = 500;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    private static readonly Meter Meter = new("TangerangLive");
    private static readonly Counter<long> QuarantinedVersions = Meter.CreateCounter<long>(
        "tangerang.projection.quarantined", unit: "{version}", description: "Report versions the query model refused, kept in projection_quarantine.");

    private readonly Channel<ComplaintSnapshot> _queue = Channel.CreateUnbounded<ComplaintSnapshot>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, int> _timelineWritten = new(StringComparer.Ordinal);
    private readonly ProjectionQuarantine _quarantine = new(dataSource);
    private long _enqueued;
    private long _written;
    private long _quarantined;

    /// <summary>Versions handed over but not yet written (or quarantined).</summary>
    public long Pending => Interlocked.Read(ref _enqueued) - Interlocked.Read(ref _written);

    /// <summary>Versions this writer quarantined since it started.</summary>
    public long Quarantined => Interlocked.Read(ref _quarantined);

    /// <summary>Reports whose last written timeline entry is remembered (at most <see cref="ProjectionOptions.MaxTrackedReports"/>).</summary>
    public int TrackedReports => _timelineWritten.Count;

    public void Enqueue(ComplaintSnapshot snapshot)
    {
        Interlocked.Increment(ref _enqueued);
        _queue.Writer.TryWrite(snapshot);
    }

    /// <summary>Waits until every version enqueued before this call is written or quarantined.</summary>
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
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await _queue.Reader.WaitToReadAsync(stoppingToken))
                {
                    // A short wait lets the versions of the next few milliseconds join this batch: one commit for
                    // all of them instead of one each, on the database the reports' own writes are waiting on.
                    if (options.Value.BatchWindowMilliseconds > 0)
                    {
                        await Task.Delay(options.Value.BatchWindowMilliseconds, stoppingToken);
                    }

                    await DrainAsync(stoppingToken);
                }

                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // A bug must not stop the host nor the queue: log it with its stack and carry on.
                LogWriterFailed(logger, ex);
            }
        }

        // Shutting down: write what is queued, within a short grace period.
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await DrainAsync(grace.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogWriterFailed(logger, ex);
        }
        catch (OperationCanceledException)
        {
            LogShutdownLeft(logger, Pending);
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

            try
            {
                await WriteBatchAsync(batch, cancellationToken);
            }
            finally
            {
                Interlocked.Add(ref _written, batch.Count);
                batch.Clear();
            }
        }
    }

    private async Task WriteBatchAsync(List<ComplaintSnapshot> batch, CancellationToken cancellationToken)
    {
        var newest = batch.GroupBy(s => s.Report.Id).Select(ReportVersions.Of).ToList();
        if (await TryWriteAsync(newest, cancellationToken) is not { } refused)
        {
            return;
        }

        // One version spoils the whole transaction: find it by writing them one at a time.
        LogBatchRefused(logger, newest.Count, refused.Message);
        foreach (var report in newest)
        {
            if (await TryWriteAsync([report], cancellationToken) is { } error)
            {
                await QuarantineAsync(report.Newest, error, cancellationToken);
            }
        }
    }

    /// <summary>Writes, retrying while the database is unreachable; returns the error when the data itself is refused.</summary>
    private async Task<Exception?> TryWriteAsync(List<ReportVersions> newest, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await WriteAsync(newest, cancellationToken);
                return null;
            }
            catch (Exception ex) when (IsRefusal(ex))
            {
                return ex;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogRetry(logger, newest.Count, delay.TotalMilliseconds, ex.Message);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, MaxRetryDelay.TotalMilliseconds));
            }
        }
    }

    private async Task QuarantineAsync(ComplaintSnapshot snapshot, Exception error, CancellationToken cancellationToken)
    {
        var id = snapshot.Report?.Id ?? "(none)";
        LogQuarantined(logger, error, id, snapshot.Version);
        QuarantinedVersions.Add(1);
        Interlocked.Increment(ref _quarantined);
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await _quarantine.AddAsync(snapshot, error, cancellationToken);
                return;
            }
            catch (Exception ex) when (IsRefusal(ex))
            {
                LogQuarantineRefused(logger, ex, id, snapshot.Version);
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogRetry(logger, 1, delay.TotalMilliseconds, ex.Message);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, MaxRetryDelay.TotalMilliseconds));
            }
        }
    }

    /// <summary>
    /// True when the version itself cannot be written (retrying would fail the same way): PostgreSQL
    /// refused its data (SQLSTATE classes 22 data exception, 23 integrity, 54 program limit), or the row
    /// could not even be built or encoded. False for a database that is away, busy or timing out.
    /// </summary>
    private static bool IsRefusal(Exception ex) => ex switch
    {
        PostgresException pg => !pg.IsTransient && pg.SqlState.Length == 5 && pg.SqlState[..2] is "22" or "23" or "54",
        NpgsqlException { IsTransient: false, InnerException: { } inner } => inner is not (IOException or SocketException or TimeoutException or OperationCanceledException),
        NpgsqlException or DbException or TimeoutException or OperationCanceledException or IOException or SocketException => false,
        _ => true,
    };

    private async Task WriteAsync(List<ReportVersions> newest, CancellationToken cancellationToken)
    {
        var timeline = new List<(string, TimelineEntry)>();
        foreach (var report in newest)
        {
            var after = _timelineWritten.GetValueOrDefault(report.Id);
            timeline.AddRange(report.Timeline.Where(e => e.Seq > after).Select(e => (report.Id, e)));
        }

        // Two statements in one round trip, one implicit transaction (a batch without one runs all or nothing).
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var sql = new NpgsqlBatch(connection);
        sql.BatchCommands.Add(ProjectionRows.Complaints(newest.Select(r => r.Newest).ToList()));
        if (timeline.Count > 0)
        {
            sql.BatchCommands.Add(ProjectionRows.Timeline(timeline));
        }

        await sql.ExecuteNonQueryAsync(cancellationToken);
        foreach (var report in newest)
        {
            Remember(report);
        }
    }

    /// <summary>
    /// Keeps the report's last written entry, so its next version writes only new ones. A closed report rarely
    /// changes again, so its mark is dropped; past the bound every mark is dropped (rows are idempotent).
    /// </summary>
    private void Remember(ReportVersions report)
    {
        if (report.Newest.Status.IsClosed())
        {
            _timelineWritten.Remove(report.Id);
            return;
        }

        if (!_timelineWritten.ContainsKey(report.Id) && _timelineWritten.Count >= options.Value.MaxTrackedReports)
        {
            LogBookkeepingReset(logger, _timelineWritten.Count);
            _timelineWritten.Clear();
        }

        _timelineWritten[report.Id] = Math.Max(_timelineWritten.GetValueOrDefault(report.Id), report.LastSeq);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Query model write of {Count} report versions failed; retrying in {DelayMs} ms: {Error}")]
    private static partial void LogRetry(ILogger logger, int count, double delayMs, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The query model refused a batch of {Count} report versions ({Error}); writing them one at a time")]
    private static partial void LogBatchRefused(ILogger logger, int count, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Report {ComplaintId} version {Version} cannot be written to the query model; quarantined")]
    private static partial void LogQuarantined(ILogger logger, Exception exception, string complaintId, int version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Report {ComplaintId} version {Version} could not even be quarantined; dropped from the projection queue")]
    private static partial void LogQuarantineRefused(ILogger logger, Exception exception, string complaintId, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "The projection writer forgot the timeline marks of {Count} open reports (its bound); their next versions rewrite their kept entries")]
    private static partial void LogBookkeepingReset(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The projection writer failed; it keeps running")]
    private static partial void LogWriterFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutting down with {Pending} report versions not written; their grains write them again on activation")]
    private static partial void LogShutdownLeft(ILogger logger, long pending);
}
