using Npgsql;

namespace TangerangLive.Api.Intake;

/// <summary>A social message as its row stands: where it went (reported, triage, dismissed) and why.</summary>
public sealed record SocialMessageRow(
    long Id,
    string Source,
    string MessageId,
    string Author,
    string? AuthorName,
    string Text,
    double? Lat,
    double? Lon,
    IReadOnlyList<string> PhotoUrls,
    DateTimeOffset ReceivedAt,
    string Status,
    string? TriageReason,
    string? ReportId,
    string? HandledBy,
    string? DismissReason);

/// <summary>The social_messages table: one row per (source, message id), so replays find what the first call did.</summary>
public sealed class SocialMessageStore(NpgsqlDataSource dataSource)
{
    public const int MaxList = 200;

    private const string Columns = """
        id, source, message_id, author, author_name, text, lat, lon, photo_urls, received_at, status, triage_reason, report_id, handled_by, dismiss_reason
        """;

    /// <summary>Stores a new message as 'new'; for one already stored, its row as it stands (Inserted false).</summary>
    public async Task<(SocialMessageRow Row, bool Inserted)> RecordAsync(string source, SocialMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var insert = dataSource.CreateCommand($"""
            INSERT INTO social_messages (source, message_id, author, author_name, text, lat, lon, photo_urls, received_at, status)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'new')
            ON CONFLICT (source, message_id) DO NOTHING
            RETURNING {Columns}
            """))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = source });
            insert.Parameters.Add(new NpgsqlParameter { Value = message.MessageId });
            insert.Parameters.Add(new NpgsqlParameter { Value = message.Author });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)message.AuthorName ?? DBNull.Value });
            insert.Parameters.Add(new NpgsqlParameter { Value = message.Text });
            insert.Parameters.Add(new NpgsqlParameter<double?> { TypedValue = message.Lat });
            insert.Parameters.Add(new NpgsqlParameter<double?> { TypedValue = message.Lon });
            insert.Parameters.Add(new NpgsqlParameter { Value = message.PhotoUrls.ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime() });
            if (await ReadOneAsync(insert, cancellationToken) is { } inserted)
            {
                return (inserted, true);
            }
        }

        // The row exists (ON CONFLICT waited for a concurrent first call to commit, so it is visible now).
        await using var select = dataSource.CreateCommand($"SELECT {Columns} FROM social_messages WHERE source = $1 AND message_id = $2");
        select.Parameters.Add(new NpgsqlParameter { Value = source });
        select.Parameters.Add(new NpgsqlParameter { Value = message.MessageId });
        return ((await ReadOneAsync(select, cancellationToken))!, false);
    }

    public async Task<SocialMessageRow?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var select = dataSource.CreateCommand($"SELECT {Columns} FROM social_messages WHERE id = $1");
        select.Parameters.Add(new NpgsqlParameter { Value = id });
        return await ReadOneAsync(select, cancellationToken);
    }

    /// <summary>The triage list, newest first.</summary>
    public async Task<IReadOnlyList<SocialMessageRow>> ListTriageAsync(int limit, CancellationToken cancellationToken)
    {
        await using var select = dataSource.CreateCommand($"SELECT {Columns} FROM social_messages WHERE status = 'triage' ORDER BY received_at DESC, id DESC LIMIT $1");
        select.Parameters.Add(new NpgsqlParameter { Value = Math.Clamp(limit, 1, MaxList) });
        var rows = new List<SocialMessageRow>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    /// <summary>A new message waits for an operator; false when it had already moved on.</summary>
    public Task<bool> MoveToTriageAsync(long id, string reason, CancellationToken cancellationToken) =>
        UpdateAsync("UPDATE social_messages SET status = 'triage', triage_reason = $2 WHERE id = $1 AND status = 'new'", id, cancellationToken, reason);

    /// <summary>The message became the report (from 'new' automatically, from 'triage' by an operator).</summary>
    public Task<bool> MarkReportedAsync(long id, string reportId, string? handledBy, CancellationToken cancellationToken) =>
        UpdateAsync(
            "UPDATE social_messages SET status = 'reported', report_id = $2, handled_by = $3, handled_at = now() WHERE id = $1 AND status IN ('new', 'triage')",
            id, cancellationToken, reportId, handledBy);

    /// <summary>An operator dismissed a triage message; false when it was not (or no longer) in triage.</summary>
    public Task<bool> DismissAsync(long id, string reason, string handledBy, CancellationToken cancellationToken) =>
        UpdateAsync(
            "UPDATE social_messages SET status = 'dismissed', dismiss_reason = $2, handled_by = $3, handled_at = now() WHERE id = $1 AND status = 'triage'",
            id, cancellationToken, reason, handledBy);

    private async Task<bool> UpdateAsync(string sql, long id, CancellationToken cancellationToken, params object?[] values)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task<SocialMessageRow?> ReadOneAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static SocialMessageRow Read(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.GetString(5),
        r.IsDBNull(6) ? null : r.GetDouble(6), r.IsDBNull(7) ? null : r.GetDouble(7), r.GetFieldValue<string[]>(8),
        r.GetFieldValue<DateTimeOffset>(9), r.GetString(10), r.IsDBNull(11) ? null : r.GetString(11), r.IsDBNull(12) ? null : r.GetString(12),
        r.IsDBNull(13) ? null : r.GetString(13), r.IsDBNull(14) ? null : r.GetString(14));
}
