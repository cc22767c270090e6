using Npgsql;

namespace TangerangLive.Api.Tracking;

/// <summary>Tracking device id to officer id, kept in PostgreSQL (officer_devices) as admins save the roster.</summary>
public sealed class DeviceDirectory(NpgsqlDataSource dataSource)
{
    public async Task<string?> FindOfficerAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT officer_id FROM officer_devices WHERE device_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = deviceId });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
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

        await using (var delete = new NpgsqlCommand("DELETE FROM officer_devices WHERE officer_id = $1 AND NOT (device_id = ANY($2))", connection, transaction))
        {
            delete.Parameters.Add(new NpgsqlParameter { Value = officerId });
            delete.Parameters.Add(new NpgsqlParameter { Value = ids });
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var insert = new NpgsqlCommand(
            "INSERT INTO officer_devices (device_id, officer_id) SELECT unnest($1::text[]), $2 ON CONFLICT (device_id) DO NOTHING", connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = ids });
            insert.Parameters.Add(new NpgsqlParameter { Value = officerId });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return [];
    }
}
