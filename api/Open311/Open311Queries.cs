using System.Text;
using System.Text.Json;
using Npgsql;

namespace TangerangLive.Api.Open311;

/// <summary>What GET requests filters on; with <see cref="Ids"/> the other filters (not paging) are ignored, as the spec says.</summary>
public sealed record Open311Query(
    IReadOnlyList<string>? Ids,
    IReadOnlyList<string>? ServiceCodes,
    IReadOnlyList<string>? Statuses,
    DateTimeOffset? From,
    DateTimeOffset? To,
    DateTimeOffset? UpdatedAfter,
    DateTimeOffset? UpdatedBefore,
    int Page,
    int PageSize);

/// <summary>A report as Open311 lists it, from the query model and what the Open311 request carried.</summary>
public sealed record Open311Row(
    string Id, string Status, string Category, string Agency, string ZoneCode, double Lat, double Lon, string Description, string Channel,
    string? DuplicateOf, DateTimeOffset SubmittedAt, DateTimeOffset SlaDueAt, DateTimeOffset UpdatedAt, string? MediaUrl, string? AddressString,
    string? ClosingReason);

/// <summary>One timeline event, as notes and the update feed show it (no actor, no officer id).</summary>
public sealed record Open311Event(string ReportId, int Seq, DateTimeOffset At, string Kind, string? Reason);

/// <summary>Reads the complaints query model (tables complaints, complaint_timeline) and open311_requests; never a grain per report.</summary>
public sealed class Open311Queries(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<Open311Row>> ListAsync(Open311Query query, CancellationToken cancellationToken)
    {
        var where = new StringBuilder("WHERE true");
        var parameters = new List<NpgsqlParameter>();
        void Add(string condition, object? value)
        {
            if (value is not null)
            {
                parameters.Add(new NpgsqlParameter { Value = value });
                where.Append(" AND ").Append(condition.Replace("@", "$" + parameters.Count, StringComparison.Ordinal));
            }
        }

        if (query.Ids is { } ids)
        {
            Add("c.id = ANY(@)", ids.ToArray());
        }
        else
        {
            Add("lower(c.category) = ANY(@)", query.ServiceCodes?.Select(c => c.ToLowerInvariant()).ToArray());
            Add("c.status = ANY(@)", query.Statuses?.ToArray());
            Add("c.submitted_at >= @", query.From?.ToUniversalTime());
            Add("c.submitted_at < @", query.To?.ToUniversalTime());
            Add("c.updated_at > @", query.UpdatedAfter?.ToUniversalTime());
            Add("c.updated_at < @", query.UpdatedBefore?.ToUniversalTime());
        }

        await using var command = dataSource.CreateCommand($"""
            SELECT c.id, c.status, c.category, c.agency, c.zone_code, c.lat, c.lon, c.description, c.channel, c.duplicate_of,
                   c.submitted_at, c.sla_due_at, c.updated_at, o.media_url, o.address_string,
                   (SELECT t.reason FROM complaint_timeline t
                     WHERE t.complaint_id = c.id AND t.kind IN ('cancelled', 'resolved')
                     ORDER BY t.seq DESC LIMIT 1)
              FROM complaints c
              LEFT JOIN open311_requests o ON o.service_request_id = c.id
              {where}
             ORDER BY c.submitted_at DESC, c.id
             LIMIT {query.PageSize} OFFSET {(long)(query.Page - 1) * query.PageSize}
            """);
        command.Parameters.AddRange(parameters.ToArray());
        var rows = new List<Open311Row>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new Open311Row(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetDouble(5), reader.GetDouble(6),
                reader.GetString(7), reader.GetString(8), NullableText(reader, 9), reader.GetFieldValue<DateTimeOffset>(10), reader.GetFieldValue<DateTimeOffset>(11),
                reader.GetFieldValue<DateTimeOffset>(12), NullableText(reader, 13), NullableText(reader, 14), NullableText(reader, 15)));
        }

        return rows;
    }

    /// <summary>The public events of these reports, oldest first per report.</summary>
    public async Task<ILookup<string, Open311Event>> EventsOfAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT complaint_id, seq, at, kind, reason FROM complaint_timeline WHERE complaint_id = ANY($1) AND kind = ANY($2) ORDER BY complaint_id, seq");
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = Open311Status.PublicKinds.ToArray() });
        return (await ReadEventsAsync(command, cancellationToken)).ToLookup(e => e.ReportId);
    }

    /// <summary>The attribute[...] values each Open311 request carried.</summary>
    public async Task<Dictionary<string, Dictionary<string, string[]>>> AttributesOfAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT service_request_id, attributes::text FROM open311_requests WHERE service_request_id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        var attributes = new Dictionary<string, Dictionary<string, string[]>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            attributes[reader.GetString(0)] = JsonSerializer.Deserialize<Dictionary<string, string[]>>(reader.GetString(1)) ?? [];
        }

        return attributes;
    }

    /// <summary>The update feed: public events in [from, to), oldest first, one page.</summary>
    public async Task<IReadOnlyList<Open311Event>> UpdatesAsync(DateTimeOffset from, DateTimeOffset to, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT complaint_id, seq, at, kind, reason FROM complaint_timeline
             WHERE at >= $1 AND at < $2 AND kind = ANY($3)
             ORDER BY at, complaint_id, seq
             LIMIT {pageSize} OFFSET {(long)(page - 1) * pageSize}
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = from.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = to.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = Open311Status.PublicKinds.ToArray() });
        return await ReadEventsAsync(command, cancellationToken);
    }

    /// <summary>Stores what the Open311 request carried beyond the report; a replay keeps the first.</summary>
    public async Task SaveRequestAsync(string reportId, string keyId, Open311Submission submission, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO open311_requests (service_request_id, key_id, media_url, attributes, address_string, first_name, last_name, phone, email, device_id, account_id)
            VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (service_request_id) DO NOTHING
            """);
        var c = submission.Contact;
        foreach (var value in new object?[]
                 {
                     reportId, keyId, submission.MediaUrl, JsonSerializer.Serialize(submission.Attributes), submission.AddressString,
                     c.FirstName, c.LastName, c.Phone, c.Email, c.DeviceId, c.AccountId,
                 })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<Open311Event>> ReadEventsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var events = new List<Open311Event>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new Open311Event(reader.GetString(0), reader.GetInt32(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3), NullableText(reader, 4)));
        }

        return events;
    }

    private static string? NullableText(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
