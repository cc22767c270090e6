using System.Text;
using Npgsql;

namespace TangerangLive.Api.Ops;

/// <summary>Filters on the report query model; every one is optional.</summary>
public sealed record ReportFilter(
    string? Status = null,
    string? Agency = null,
    string? Category = null,
    string? Zone = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? ReporterId = null,
    string? Channel = null);

/// <summary>One report in a list, from the query model (written asynchronously by the projection).</summary>
public sealed record ReportRow(
    string Id,
    string Status,
    string Category,
    string Agency,
    int Priority,
    string ZoneCode,
    double Lat,
    double Lon,
    string Description,
    string? OfficerId,
    string? DuplicateOf,
    int Attempts,
    int PhotoCount,
    DateTimeOffset SubmittedAt,
    DateTimeOffset SlaDueAt,
    DateTimeOffset UpdatedAt,
    string Channel);

/// <summary>Reads the complaints query tables: filtered, newest first, paged, with the total count.</summary>
public sealed class ReportQueries(NpgsqlDataSource dataSource)
{
    public async Task<(IReadOnlyList<ReportRow> Rows, long Total)> ListAsync(ReportFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        var where = new StringBuilder("WHERE true");
        var parameters = new List<NpgsqlParameter>();
        void Add(string column, string op, object? value)
        {
            if (value is null)
            {
                return;
            }

            parameters.Add(new NpgsqlParameter { Value = value });
            where.Append($" AND {column} {op} ${parameters.Count}");
        }

        Add("status", "=", filter.Status);
        Add("lower(agency)", "=", filter.Agency?.ToLowerInvariant());
        Add("lower(category)", "=", filter.Category?.ToLowerInvariant());
        Add("zone_code", "=", filter.Zone);
        // PostgreSQL timestamptz parameters must be UTC; callers may send any offset (e.g. WIB, +07:00).
        Add("submitted_at", ">=", filter.From?.ToUniversalTime());
        Add("submitted_at", "<", filter.To?.ToUniversalTime());
        Add("reporter_id", "=", filter.ReporterId);
        Add("channel", "=", filter.Channel);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        long total;
        await using (var count = new NpgsqlCommand($"SELECT count(*) FROM complaints {where}", connection))
        {
            count.Parameters.AddRange(parameters.Select(p => p.Clone()).ToArray());
            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        var rows = new List<ReportRow>();
        await using var select = new NpgsqlCommand($"""
            SELECT id, status, category, agency, priority, zone_code, lat, lon, description, officer_id, duplicate_of,
                   attempts, photo_count, submitted_at, sla_due_at, updated_at, channel
              FROM complaints {where}
             ORDER BY submitted_at DESC, id
             LIMIT {pageSize} OFFSET {(long)(page - 1) * pageSize}
            """, connection);
        select.Parameters.AddRange(parameters.ToArray());
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new ReportRow(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetString(5),
                reader.GetDouble(6), reader.GetDouble(7), reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetString(10), reader.GetInt32(11), reader.GetInt32(12),
                reader.GetFieldValue<DateTimeOffset>(13), reader.GetFieldValue<DateTimeOffset>(14), reader.GetFieldValue<DateTimeOffset>(15),
                reader.GetString(16)));
        }

        return (rows, total);
    }
}
