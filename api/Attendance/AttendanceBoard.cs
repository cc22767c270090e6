using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using TangerangLive.Grains;

namespace TangerangLive.Api.Attendance;

/// <summary>
/// Who is online or offline right now, per agency and zone: the Live Room's attendance board. Read in one
/// query from the roster (officer_directory) and the batched position log (officer_positions: duty, zone
/// and last heartbeat, at most a couple of seconds old), so a refresh makes no grain call at all, however
/// many officers are on shift. Online means heard within the city's offline threshold.
/// </summary>
public static class AttendanceBoard
{
    public const string Screen = "attendance-board";

    public static async Task<Ok<BoardView>> GetAsync(
        string? agency, string? zone, NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster, CityModel city, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT d.officer_id, d.name, d.agency, p.zone_code, p.duty, p.last_seen, coalesce(p.online AND p.last_seen >= $3, false)
              FROM officer_directory d
              LEFT JOIN officer_positions p ON p.service_id = $1 AND p.officer_id = d.officer_id
             WHERE d.active AND ($2::text IS NULL OR lower(d.agency) = lower($2))
               AND ($4::text IS NULL OR p.zone_code = $4)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = cluster.Value.ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)agency ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (time.GetUtcNow() - city.Definition.Liveness.OfflineThreshold).ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)zone ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var found = new List<BoardOfficer>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                found.Add(new BoardOfficer(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.GetBoolean(6),
                    reader.IsDBNull(4) ? "OffDuty" : reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5)));
            }
        }

        var officers = found
            .OrderBy(o => o.Agency, StringComparer.Ordinal).ThenBy(o => o.OfficerId, StringComparer.Ordinal)
            .ToList();
        var byAgency = officers.GroupBy(o => o.Agency)
            .Select(g => new BoardCount(g.Key, g.Count(o => o.Online), g.Count(o => !o.Online)))
            .ToList();
        var byZone = officers.Where(o => o.ZoneCode is not null).GroupBy(o => o.ZoneCode!)
            .Select(g => new BoardCount(g.Key, g.Count(o => o.Online), g.Count(o => !o.Online)))
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(new BoardView(officers.Count(o => o.Online), officers.Count(o => !o.Online), byAgency, byZone, officers));
    }
}

public sealed record BoardOfficer(string OfficerId, string Name, string Agency, string? ZoneCode, bool Online, string Duty, DateTimeOffset? LastSeen);

public sealed record BoardCount(string Key, int Online, int Offline);

public sealed record BoardView(int Online, int Offline, IReadOnlyList<BoardCount> ByAgency, IReadOnlyList<BoardCount> ByZone, IReadOnlyList<BoardOfficer> Officers);
