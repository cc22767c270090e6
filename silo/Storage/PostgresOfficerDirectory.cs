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
