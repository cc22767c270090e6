using Npgsql;
using TangerangLive.Grains.Officers;

namespace TangerangLive.Silo.Storage;

/// <inheritdoc cref="IOfficerDirectory"/>
public sealed class PostgresOfficerDirectory(NpgsqlDataSource dataSource) : IOfficerDirectory
{
    public async Task UpsertAsync(OfficerProfile profile, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO officer_directory (officer_id, name, agency, team, shift, active, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (officer_id) DO UPDATE SET name = excluded.name, agency = excluded.agency, team = excluded.team,
                shift = excluded.shift, active = excluded.active, updated_at = excluded.updated_at
            WHERE officer_directory.updated_at <= excluded.updated_at
            """);
        foreach (var value in new object[] { profile.OfficerId, profile.Name, profile.Agency, profile.Team, profile.Shift, profile.Active, at })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<OfficerProfile?> FindAsync(string officerId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT o.officer_id, o.name, o.agency, o.team, o.shift, o.active,
                   coalesce((SELECT array_agg(d.device_id ORDER BY d.generated DESC, d.device_id) FROM officer_devices d WHERE d.officer_id = o.officer_id), '{}')
              FROM officer_directory o WHERE o.officer_id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = officerId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new OfficerProfile(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetFieldValue<string[]>(6), reader.GetBoolean(5))
            : null;
    }

    public async Task<IReadOnlyList<OfficerProfile>> ListAsync(string? agency = null, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT officer_id, name, agency, team, shift, active FROM officer_directory
             WHERE $1::text IS NULL OR lower(agency) = lower($1) ORDER BY officer_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)agency ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var officers = new List<OfficerProfile>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            officers.Add(new OfficerProfile(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), [], reader.GetBoolean(5)));
        }

        return officers;
    }
}
