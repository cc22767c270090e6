using System.Collections.Concurrent;
using Npgsql;

namespace TangerangLive.Api.Tracking;

/// <summary>
/// Tracking device id to officer id, kept in PostgreSQL (officer_devices) as admins save the roster. An
/// OsmAnd ping is answered from a bounded in-memory cache (<see cref="MaxEntries"/> devices, each for
/// <see cref="KnownFor"/>, an unknown id for <see cref="UnknownFor"/>), so a tracker reporting every few
/// seconds costs no database round trip. Saving an officer's devices on this silo forgets the ids it
/// touched at once; another silo learns within the time-to-live.
/// </summary>
public sealed class DeviceDirectory(NpgsqlDataSource dataSource)
{
    public const int MaxEntries = 200_000;
    public static readonly TimeSpan KnownFor = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan UnknownFor = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (string? OfficerId, long ExpiresAt)> _cache = new(StringComparer.Ordinal);
    private long _generation;

    public async Task<string?> FindOfficerAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        var now = Environment.TickCount64;
        if (_cache.TryGetValue(deviceId, out var cached) && cached.ExpiresAt > now)
        {
            return cached.OfficerId;
        }

        // A lookup that overlaps a roster change is not cached: it may have read the old rows.
        var generation = Interlocked.Read(ref _generation);
        await using var command = dataSource.CreateCommand("SELECT officer_id FROM officer_devices WHERE device_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = deviceId });
        var officerId = await command.ExecuteScalarAsync(cancellationToken) as string;
        if (Interlocked.Read(ref _generation) == generation)
        {
            if (_cache.Count >= MaxEntries)
            {
                _cache.Clear();
            }

            _cache[deviceId] = (officerId, now + (long)(officerId is null ? UnknownFor : KnownFor).TotalMilliseconds);
        }

        return officerId;
    }

    /// <summary>Makes <paramref name="deviceIds"/> the officer's devices; returns the ids another officer already holds (nothing changed then).</summary>
    public async Task<IReadOnlyList<string>> ReplaceAsync(string officerId, IReadOnlyList<string> deviceIds, CancellationToken cancellationToken = default)
    {
        var ids = deviceIds.Distinct(StringComparer.Ordinal).ToArray();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var taken = new List<string>();
        await using (var check = new NpgsqlCommand("SELECT device_id FROM officer_devices WHERE device_id = ANY($1) AND officer_id <> $2 FOR UPDATE", connection, transaction))
        {
            check.Parameters.Add(new NpgsqlParameter { Value = ids });
            check.Parameters.Add(new NpgsqlParameter { Value = officerId });
            await using var reader = await check.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                taken.Add(reader.GetString(0));
            }
        }

        if (taken.Count > 0)
        {
            return taken;
        }

        var removed = new List<string>();
        await using (var delete = new NpgsqlCommand("DELETE FROM officer_devices WHERE officer_id = $1 AND NOT (device_id = ANY($2)) RETURNING device_id", connection, transaction))
        {
            delete.Parameters.Add(new NpgsqlParameter { Value = officerId });
            delete.Parameters.Add(new NpgsqlParameter { Value = ids });
            await using var reader = await delete.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                removed.Add(reader.GetString(0));
            }
        }

        await using (var insert = new NpgsqlCommand(
            "INSERT INTO officer_devices (device_id, officer_id) SELECT unnest($1::text[]), $2 ON CONFLICT (device_id) DO NOTHING", connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = ids });
            insert.Parameters.Add(new NpgsqlParameter { Value = officerId });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        Forget(removed.Concat(ids));
        return [];
    }

    private void Forget(IEnumerable<string> deviceIds)
    {
        Interlocked.Increment(ref _generation);
        foreach (var deviceId in deviceIds)
        {
            _cache.TryRemove(deviceId, out _);
        }
    }
}
