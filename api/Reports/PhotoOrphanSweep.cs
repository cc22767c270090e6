using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using TangerangLive.Grains.Complaints;

namespace TangerangLive.Api.Reports;

/// <summary>
/// Removes orphan photos: rows still unattached <see cref="PhotoOptions.OrphanAfter"/> after their upload (the
/// report or resolution was refused, or the silo died before it was stored). The report is asked first: when
/// it does name the photo (the silo died between storing the report and attaching), the photo is attached
/// instead. Runs on every silo every <see cref="PhotoOptions.SweepInterval"/>; a failed sweep is logged with
/// its exception and the next one runs as usual. Also drops quota counts older than yesterday.
/// </summary>
public sealed partial class PhotoOrphanSweep(
    NpgsqlDataSource dataSource, IGrainFactory grains, IOptions<PhotoOptions> options, TimeProvider time, ILogger<PhotoOrphanSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var (attached, deleted) = await SweepAsync(stoppingToken);
                if (attached + deleted > 0)
                {
                    LogSwept(logger, deleted, attached);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(logger, ex);
            }
        }
    }

    /// <summary>One sweep: how many orphan candidates were attached (their report names them) and how many deleted.</summary>
    public async Task<(int Attached, int Deleted)> SweepAsync(CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var candidates = new List<(long Id, string ReportId, string Reference)>();
        await using (var select = dataSource.CreateCommand("""
            SELECT id, report_id, sha256, content_type FROM photos
            WHERE attached_at IS NULL AND created_at < now() - $1
            ORDER BY created_at
            LIMIT $2
            """))
        {
            select.Parameters.Add(new NpgsqlParameter { Value = limits.OrphanAfter });
            select.Parameters.Add(new NpgsqlParameter { Value = limits.SweepBatch });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var extension = reader.GetString(3) switch { "image/png" => ".png", "image/webp" => ".webp", _ => ".jpg" };
                candidates.Add((reader.GetInt64(0), reader.GetString(1), PhotoStore.ReferencePrefix + reader.GetString(2) + extension));
            }
        }

        var keep = new List<long>();
        var drop = new List<long>();
        foreach (var report in candidates.GroupBy(c => c.ReportId))
        {
            var named = ComplaintKey.IsValidId(report.Key) && await grains.Complaint(report.Key).GetAsync() is { } complaint
                ? complaint.Report.Photos.Append(complaint.ProofPhoto).ToHashSet(StringComparer.Ordinal)
                : [];
            foreach (var candidate in report)
            {
                (named.Contains(candidate.Reference) ? keep : drop).Add(candidate.Id);
            }
        }

        var attached = await ExecuteAsync("UPDATE photos SET attached_at = now() WHERE id = ANY($1) AND attached_at IS NULL AND created_at < now() - $2", keep, limits.OrphanAfter, cancellationToken);

        // A retried upload touches its unattached rows (created_at = now()), so one it still needs is not deleted here.
        var deleted = await ExecuteAsync("DELETE FROM photos WHERE id = ANY($1) AND attached_at IS NULL AND created_at < now() - $2", drop, limits.OrphanAfter, cancellationToken);
        await using (var forget = dataSource.CreateCommand("DELETE FROM photo_quota WHERE day < $1"))
        {
            forget.Parameters.Add(new NpgsqlParameter { Value = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1) });
            await forget.ExecuteNonQueryAsync(cancellationToken);
        }

        return (attached, deleted);
    }

    /// <summary>Runs an update or delete of the photos <paramref name="ids"/> ($1), with the orphan age as $2.</summary>
    private async Task<int> ExecuteAsync(string sql, List<long> ids, TimeSpan orphanAfter, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return 0;
        }

        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = orphanAfter });

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Photo sweep: deleted {Deleted} orphan photos, attached {Attached} whose report names them")]
    private static partial void LogSwept(ILogger logger, int deleted, int attached);

    [LoggerMessage(Level = LogLevel.Error, Message = "Photo sweep failed; the next sweep runs as usual")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
