using System.Text.Json;
using Npgsql;
using TangerangLive.Grains.Attendance;

namespace TangerangLive.Silo.Storage;

/// <inheritdoc cref="IAttendanceStore"/>
public sealed class PostgresAttendanceStore(NpgsqlDataSource dataSource) : IAttendanceStore
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public async Task<SealedRecord> SaveAsync(SealedRecord sealedDay, string agency, CancellationToken cancellationToken = default)
    {
        var r = sealedDay.Record;
        await using var command = dataSource.CreateCommand("""
            INSERT INTO attendance_days (officer_id, day, agency, shift, status, coverage, covered_seconds, first_seen, last_seen,
                                         flag_count, record, previous_hash, hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13)
            ON CONFLICT (officer_id, day) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = r.OfficerId });
        command.Parameters.Add(new NpgsqlParameter { Value = r.Day });
        command.Parameters.Add(new NpgsqlParameter { Value = agency });
        command.Parameters.Add(new NpgsqlParameter { Value = r.ShiftName });
        command.Parameters.Add(new NpgsqlParameter { Value = r.Status.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = r.Coverage });
        command.Parameters.Add(new NpgsqlParameter { Value = r.CoveredSeconds });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)r.FirstSeen ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)r.LastSeen ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = r.Flags.Length });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(r, Json) });
        command.Parameters.Add(new NpgsqlParameter { Value = sealedDay.PreviousHash });
        command.Parameters.Add(new NpgsqlParameter { Value = sealedDay.Hash });
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            return sealedDay;
        }

        var stored = await ReadAsync(r.Day, r.Day, r.OfficerId, null, cancellationToken);
        return stored.Single();
    }

    public async Task<IReadOnlyList<SealedRecord>> ReadAsync(DateOnly from, DateOnly to, string? officerId = null, string? agency = null, CancellationToken cancellationToken = default)
    {
        var rows = await ReadRowsAsync(from, to, officerId, agency, cancellationToken);
        if (rows.FirstOrDefault(r => r.ReadError is not null) is { } unreadable)
        {
            throw new InvalidDataException($"Attendance of {unreadable.OfficerId} on {unreadable.Day:yyyy-MM-dd} cannot be read: {unreadable.ReadError}");
        }

        return rows.Select(r => r.Sealed).ToList();
    }

    public async Task<IReadOnlyList<AttendanceVerification>> VerifyAsync(DateOnly from, DateOnly to, string? officerId = null, CancellationToken cancellationToken = default)
    {
        var rows = await ReadRowsAsync(from, to, officerId, null, cancellationToken);
        var results = new List<AttendanceVerification>();
        foreach (var chain in rows.GroupBy(r => r.OfficerId))
        {
            var days = chain.ToList();
            if (days.FirstOrDefault(d => d.ReadError is not null) is { } unreadable)
            {
                results.Add(new AttendanceVerification(chain.Key, days.Count, false, unreadable.Day, $"the sealed record cannot be read: {unreadable.ReadError}"));
                continue;
            }

            var disagreeing = days.FirstOrDefault(d => !d.ColumnsAgree);
            var verification = AttendanceChain.Verify(days.Select(d => d.Sealed));
            if (!verification.IsValid)
            {
                results.Add(new AttendanceVerification(chain.Key, days.Count, false, days[verification.BrokenIndex!.Value].Day, verification.Reason));
            }
            else if (disagreeing is not null)
            {
                results.Add(new AttendanceVerification(chain.Key, days.Count, false, disagreeing.Day,
                    $"the status/coverage columns ({disagreeing.StatusColumn}, {disagreeing.CoverageColumn}) differ from the sealed record"));
            }
            else
            {
                results.Add(new AttendanceVerification(chain.Key, days.Count, true, null, null));
            }
        }

        return results;
    }

    /// <summary>The stored rows, with the query columns beside the sealed record they must agree with.</summary>
    public async Task<IReadOnlyList<StoredDay>> ReadRowsAsync(DateOnly from, DateOnly to, string? officerId, string? agency, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT record::text, previous_hash, hash, status, coverage, agency, officer_id, day
              FROM attendance_days
             WHERE day BETWEEN $1 AND $2 AND ($3::text IS NULL OR officer_id = $3) AND ($4::text IS NULL OR agency = $4)
             ORDER BY officer_id, day
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = from });
        command.Parameters.Add(new NpgsqlParameter { Value = to });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)officerId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)agency ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var rows = new List<StoredDay>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var officer = reader.GetString(6);
            var day = reader.GetFieldValue<DateOnly>(7);
            try
            {
                var record = JsonSerializer.Deserialize<DailyAttendance>(reader.GetString(0), Json)!;
                rows.Add(new StoredDay(officer, day, new SealedRecord(record, reader.GetString(1), reader.GetString(2)), reader.GetString(3), reader.GetDouble(4), reader.GetString(5), null));
            }
            catch (JsonException ex)
            {
                rows.Add(new StoredDay(officer, day, null!, reader.GetString(3), reader.GetDouble(4), reader.GetString(5), ex.Message));
            }
        }

        return rows;
    }
}

/// <summary>A stored day: the sealed record and the query columns kept beside it.</summary>
public sealed record StoredDay(string OfficerId, DateOnly Day, SealedRecord Sealed, string StatusColumn, double CoverageColumn, string Agency, string? ReadError)
{
    /// <summary>The query columns say the same as the sealed record.</summary>
    public bool ColumnsAgree => StatusColumn == Sealed.Record.Status.ToString() && CoverageColumn.Equals(Sealed.Record.Coverage);
}
