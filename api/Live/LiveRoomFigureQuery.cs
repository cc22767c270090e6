using Npgsql;
using NpgsqlTypes;
using TangerangLive.Grains;

namespace TangerangLive.Api.Live;

/// <summary>
/// The day's figures in one round trip to the report query model (complaints and their timeline), however
/// many reports and officers there are; the day is the city's calendar day in its own time zone.
/// </summary>
public sealed class LiveRoomFigureQuery(NpgsqlDataSource dataSource, CityModel city)
{
    private const string Sql = """
        WITH scope AS (
            SELECT * FROM complaints WHERE $2::text IS NULL OR lower(agency) = lower($2)),
        firsts AS (
            SELECT t.complaint_id, t.kind, min(t.at) AS at
              FROM complaint_timeline t JOIN scope s ON s.id = t.complaint_id
             WHERE t.kind IN ('acknowledged', 'resolved') AND t.at >= $1
             GROUP BY t.complaint_id, t.kind)
        SELECT
            (SELECT count(*) FROM scope WHERE status NOT IN ('Resolved', 'Duplicate', 'Cancelled')),
            (SELECT count(*) FROM scope WHERE status IN ('Offered', 'Acknowledged', 'EnRoute', 'OnScene')),
            (SELECT count(*) FROM scope WHERE status = 'Escalated'),
            (SELECT count(*) FROM scope WHERE submitted_at >= $1),
            (SELECT count(*) FROM firsts WHERE kind = 'resolved'),
            (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM f.at - s.submitted_at))
               FROM firsts f JOIN scope s ON s.id = f.complaint_id WHERE f.kind = 'acknowledged'),
            (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM f.at - s.submitted_at))
               FROM firsts f JOIN scope s ON s.id = f.complaint_id WHERE f.kind = 'resolved'),
            (SELECT coalesce(array_agg(n ORDER BY h), '{}') FROM (
                SELECT floor(extract(epoch FROM submitted_at - $1) / 3600)::int AS h, count(*) AS n
                  FROM scope WHERE submitted_at >= $1 GROUP BY 1) hours),
            (SELECT coalesce(array_agg(h ORDER BY h), '{}') FROM (
                SELECT DISTINCT floor(extract(epoch FROM submitted_at - $1) / 3600)::int AS h
                  FROM scope WHERE submitted_at >= $1) hours)
        """;

    public async Task<LiveRoomFigures> ReadAsync(string? agency, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var day = StartOfDay(now);
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter { Value = day.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)agency ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var perHour = new long[24];
        var counts = reader.GetFieldValue<long[]>(7);
        var hours = reader.GetFieldValue<int[]>(8);
        for (var i = 0; i < hours.Length; i++)
        {
            if (hours[i] is >= 0 and < 24)
            {
                perHour[hours[i]] = counts[i];
            }
        }

        return new LiveRoomFigures(
            day, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
            reader.IsDBNull(5) ? null : reader.GetDouble(5), reader.IsDBNull(6) ? null : reader.GetDouble(6), perHour);
    }

    /// <summary>Midnight of the city's current day, with the city's offset.</summary>
    public DateTimeOffset StartOfDay(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, city.TimeZone);
        var midnight = local.Date;
        return new DateTimeOffset(midnight, city.TimeZone.GetUtcOffset(midnight));
    }
}
