using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using TangerangLive.Grains.Officers;

namespace TangerangLive.Silo.Storage;

/// <summary>
/// This silo's one writer of positions (<see cref="IPositionLog"/>): grains hand it the latest record per
/// officer without waiting; every <see cref="FlushPeriod"/> the records gathered since the last batch are
/// upserted into officer_positions with one multi-row statement per <see cref="MaxRows"/> officers. A row
/// is only replaced by a record made later, so a silo that writes late never undoes a newer one.
/// </summary>
public sealed partial class PostgresPositionLog(
    NpgsqlDataSource dataSource,
    IOptions<ClusterOptions> cluster,
    ILogger<PostgresPositionLog> logger) : BackgroundService, IPositionLog
{
    /// <summary>How often the batch is written: the most a silo failure can lose of positions.</summary>
    public static readonly TimeSpan FlushPeriod = TimeSpan.FromSeconds(2);

    private const int MaxRows = 5_000;

    /// <summary>The columns an <see cref="OfficerPositionRecord"/> is read from, in its order.</summary>
    private const string Columns = "officer_id, agency, zone_code, lat, lon, fix_at, last_seen, duty, online, active, recorded_at";

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writing = new(1, 1);
    private Dictionary<string, OfficerPositionRecord> _pending = new(StringComparer.Ordinal);
    private Dictionary<string, DateTimeOffset> _offline = new(StringComparer.Ordinal);

    // The batches being written swap with these, which are emptied and kept: a flush allocates no new
    // dictionary (with 10,000 officers one would be a large-object-heap array every two seconds).
    private Dictionary<string, OfficerPositionRecord>? _pendingSpare;
    private Dictionary<string, DateTimeOffset>? _offlineSpare;

    private string ServiceId => cluster.Value.ServiceId;

    public void Record(OfficerPositionRecord position)
    {
        lock (_gate)
        {
            _pending[position.OfficerId] = position;
        }
    }

    public void MarkOffline(string officerId, DateTimeOffset lastHeard)
    {
        lock (_gate)
        {
            _offline[officerId] = lastHeard;
        }
    }

    public async Task<OfficerPositionRecord?> LatestAsync(string officerId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_pending.TryGetValue(officerId, out var pending))
            {
                return pending;
            }
        }

        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns}
              FROM officer_positions
             WHERE service_id = $1 AND officer_id = $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = officerId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Row(reader) : null;
    }

    public async Task<IReadOnlyList<OfficerPositionRecord>> InZoneAsync(string zoneCode, DateTimeOffset heardSince, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns}
              FROM officer_positions
             WHERE service_id = $1 AND zone_code = $2 AND last_seen >= $3 AND online AND active AND duty <> 'OffDuty'
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = zoneCode });
        command.Parameters.Add(new NpgsqlParameter { Value = heardSince.ToUniversalTime() });
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<OfficerPositionRecord>> OutsideZonesAsync(DateTimeOffset heardSince, CancellationToken cancellationToken = default)
    {
        // zone_code IS NULL is served by the same (service_id, zone_code) index: a B-tree keeps its nulls.
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns}
              FROM officer_positions
             WHERE service_id = $1 AND zone_code IS NULL AND last_seen >= $2 AND online AND active AND duty <> 'OffDuty'
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = heardSince.ToUniversalTime() });
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Writes everything recorded so far (the background loop does this every period; tests and shutdown call it).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            Dictionary<string, OfficerPositionRecord> batch;
            Dictionary<string, DateTimeOffset> offline;
            lock (_gate)
            {
                if (_pending.Count == 0 && _offline.Count == 0)
                {
                    return;
                }

                (batch, offline) = (_pending, _offline);
                _pending = _pendingSpare ?? new Dictionary<string, OfficerPositionRecord>(batch.Count, StringComparer.Ordinal);
                _offline = _offlineSpare ?? new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
                (_pendingSpare, _offlineSpare) = (null, null);
            }

            try
            {
                var rows = batch.Values.GetEnumerator();
                for (var left = batch.Count; left > 0; left -= MaxRows)
                {
                    await UpsertAsync(rows, Math.Min(left, MaxRows), cancellationToken);
                }

                if (offline.Count > 0)
                {
                    await MarkOfflineAsync(offline, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                // Kept for the next batch, unless the officer recorded something newer meanwhile.
                LogFlushFailed(logger, batch.Count, ex.Message);
                lock (_gate)
                {
                    foreach (var (officerId, record) in batch)
                    {
                        _pending.TryAdd(officerId, record);
                    }

                    foreach (var (officerId, lastHeard) in offline)
                    {
                        _offline.TryAdd(officerId, lastHeard);
                    }
                }
            }

            // Only this method (under _writing) touches the spares; a flush that threw leaves none, and the next allocates.
            batch.Clear();
            offline.Clear();
            (_pendingSpare, _offlineSpare) = (batch, offline);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>A graceful stop saves what is pending; a stop already cancelled (a kill) does not try.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await FlushAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The host gave up waiting: what was pending is lost, as with a crash (a few seconds of positions).
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushPeriod);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await FlushAsync(stoppingToken);
        }
    }

    /// <summary>Writes the next <paramref name="count"/> rows of <paramref name="rows"/>, laid out column by column.</summary>
    private async Task UpsertAsync(Dictionary<string, OfficerPositionRecord>.ValueCollection.Enumerator rows, int count, CancellationToken cancellationToken)
    {
        var (ids, agencies, zones) = (new string[count], new string[count], new string?[count]);
        var (lats, lons, duties) = (new double[count], new double[count], new string[count]);
        var (fixAt, lastSeen, recordedAt) = (new DateTimeOffset[count], new DateTimeOffset[count], new DateTimeOffset[count]);
        var (online, active) = (new bool[count], new bool[count]);
        for (var i = 0; i < count && rows.MoveNext(); i++)
        {
            var r = rows.Current;
            (ids[i], agencies[i], zones[i], lats[i], lons[i], duties[i]) = (r.OfficerId, r.Agency, r.ZoneCode, r.Lat, r.Lon, r.Duty.ToString());
            (fixAt[i], lastSeen[i], recordedAt[i]) = (r.FixAt.ToUniversalTime(), r.LastSeen.ToUniversalTime(), r.RecordedAt.ToUniversalTime());
            (online[i], active[i]) = (r.Online, r.Active);
        }

        await using var command = dataSource.CreateCommand("""
            INSERT INTO officer_positions (service_id, officer_id, agency, zone_code, lat, lon, fix_at, last_seen, duty, online, active, recorded_at)
            SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::timestamptz[], $8::timestamptz[],
                                     $9::text[], $10::boolean[], $11::boolean[], $12::timestamptz[])
            ON CONFLICT (service_id, officer_id) DO UPDATE SET
                agency = excluded.agency, zone_code = excluded.zone_code, lat = excluded.lat, lon = excluded.lon,
                fix_at = excluded.fix_at, last_seen = excluded.last_seen, duty = excluded.duty, online = excluded.online,
                active = excluded.active, recorded_at = excluded.recorded_at
            WHERE officer_positions.recorded_at <= excluded.recorded_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        Add(command, ids, NpgsqlDbType.Text);
        Add(command, agencies, NpgsqlDbType.Text);
        Add(command, zones, NpgsqlDbType.Text);
        Add(command, lats, NpgsqlDbType.Double);
        Add(command, lons, NpgsqlDbType.Double);
        Add(command, fixAt, NpgsqlDbType.TimestampTz);
        Add(command, lastSeen, NpgsqlDbType.TimestampTz);
        Add(command, duties, NpgsqlDbType.Text);
        Add(command, online, NpgsqlDbType.Boolean);
        Add(command, active, NpgsqlDbType.Boolean);
        Add(command, recordedAt, NpgsqlDbType.TimestampTz);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task MarkOfflineAsync(Dictionary<string, DateTimeOffset> offline, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE officer_positions p SET online = false
              FROM unnest($2::text[], $3::timestamptz[]) AS o(officer_id, last_heard)
             WHERE p.service_id = $1 AND p.officer_id = o.officer_id AND p.last_seen <= o.last_heard
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        Add(command, offline.Keys.ToArray(), NpgsqlDbType.Text);
        Add(command, offline.Values.Select(v => v.ToUniversalTime()).ToArray(), NpgsqlDbType.TimestampTz);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<OfficerPositionRecord>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var found = new List<OfficerPositionRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(Row(reader));
        }

        return found;
    }

    private static OfficerPositionRecord Row(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.GetDouble(3),
        reader.GetDouble(4),
        reader.GetFieldValue<DateTimeOffset>(5),
        reader.GetFieldValue<DateTimeOffset>(6),
        Enum.Parse<OfficerDuty>(reader.GetString(7)),
        reader.GetBoolean(8),
        reader.GetBoolean(9),
        reader.GetFieldValue<DateTimeOffset>(10));

    private static void Add<T>(NpgsqlCommand command, T[] values, NpgsqlDbType element) =>
        command.Parameters.Add(new NpgsqlParameter { Value = values, NpgsqlDbType = NpgsqlDbType.Array | element });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saving {Count} officer positions failed, retrying with the next batch: {Error}")]
    private static partial void LogFlushFailed(ILogger logger, int count, string error);
}
