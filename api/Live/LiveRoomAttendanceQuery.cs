using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using TangerangLive.Grains;

namespace TangerangLive.Api.Live;

/// <summary>
/// The Live Room's attendance board as counts: who is online, offline (heard today, not now) or absent (not
/// heard today) per agency and per zone, counted by PostgreSQL over the roster and the batched position log.
/// No grain call, and an answer of O(agencies + zones) rows however many officers are on the roster (the
/// officer-level list stays at /api/attendance-board for who wants names).
/// </summary>
public sealed class LiveRoomAttendanceQuery(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster, CityModel city, LiveRoomFigureQuery figures)
{
    private const string Sql = """
        SELECT agency, zone_code,
               count(*) FILTER (WHERE state = 0), count(*) FILTER (WHERE state = 1), count(*) FILTER (WHERE state = 2)
          FROM (SELECT d.agency, p.zone_code,
                       CASE WHEN coalesce(p.online AND p.last_seen >= $3, false) THEN 0
                            WHEN p.last_seen >= $4 THEN 1 ELSE 2 END AS state
                  FROM officer_directory d
                  LEFT JOIN officer_positions p ON p.service_id = $1 AND p.officer_id = d.officer_id
                 WHERE d.active AND ($2::text IS NULL OR lower(d.agency) = lower($2))) officers
         GROUP BY agency, zone_code
        """;

    public async Task<LiveRoomAttendance> ReadAsync(string? agency, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var day = figures.StartOfDay(now);
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter { Value = cluster.Value.ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)agency ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (now - city.Definition.Liveness.OfflineThreshold).UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = day.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        var byAgency = new SortedDictionary<string, AttendanceCount>(StringComparer.Ordinal);
        var byZone = new SortedDictionary<string, AttendanceCount>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var counts = new AttendanceCount(reader.GetString(0), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
            Add(byAgency, counts.Key, counts);
            if (!reader.IsDBNull(1))
            {
                // A zone shows who is or was there today; the absent were never there.
                Add(byZone, reader.GetString(1), counts with { Absent = 0 });
            }
        }

        return new LiveRoomAttendance(day, [.. byAgency.Values], [.. byZone.Values.Where(z => z.Online + z.Offline > 0)]);
    }

    private static void Add(SortedDictionary<string, AttendanceCount> totals, string key, AttendanceCount counts) =>
        totals[key] = totals.TryGetValue(key, out var sum)
            ? new AttendanceCount(key, sum.Online + counts.Online, sum.Offline + counts.Offline, sum.Absent + counts.Absent)
            : counts with { Key = key };
}
