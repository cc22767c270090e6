using System.Text;
using System.Text.Json;
using Npgsql;
using TangerangLive.Grains.Complaints;

namespace TangerangLive.Api.Ops;

/// <summary>A report version the query model refused, as admins see it.</summary>
public sealed record QuarantinedVersion(string ComplaintId, int Version, string Error, string Snapshot, DateTimeOffset QuarantinedAt);

/// <summary>
/// The projection_quarantine table: report versions the projection writer could not write, kept aside
/// (with the error) so one bad version never holds up the rest of the queue.
/// </summary>
public sealed class ProjectionQuarantine(NpgsqlDataSource dataSource)
{
    public const int MaxList = 500;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Versions kept per report: the newest ones. Each new version of a report carries its whole state, so
    /// older refused versions add nothing an admin needs, and a report changed every day cannot fill the table.
    /// </summary>
    public const int MaxVersionsPerReport = 3;

    /// <summary>Keeps the version aside (a version already kept is left as it is) and drops that report's older ones past the bound.</summary>
    public async Task AddAsync(ComplaintSnapshot snapshot, Exception error, CancellationToken cancellationToken)
    {
        var complaintId = Storable(snapshot.Report.Id);
        await using var batch = dataSource.CreateBatch();
        var insert = new NpgsqlBatchCommand("""
            INSERT INTO projection_quarantine (complaint_id, version, error, snapshot) VALUES ($1, $2, $3, $4)
            ON CONFLICT (complaint_id, version) DO NOTHING
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = complaintId });
        insert.Parameters.Add(new NpgsqlParameter { Value = snapshot.Version });
        insert.Parameters.Add(new NpgsqlParameter { Value = Storable($"{error.GetType().Name}: {error.Message}") });
        insert.Parameters.Add(new NpgsqlParameter { Value = Storable(Describe(snapshot)) });
        var prune = new NpgsqlBatchCommand("""
            DELETE FROM projection_quarantine
             WHERE complaint_id = $1
               AND version NOT IN (SELECT version FROM projection_quarantine WHERE complaint_id = $1 ORDER BY version DESC LIMIT $2)
            """);
        prune.Parameters.Add(new NpgsqlParameter { Value = complaintId });
        prune.Parameters.Add(new NpgsqlParameter { Value = MaxVersionsPerReport });
        batch.BatchCommands.Add(insert);
        batch.BatchCommands.Add(prune);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The newest quarantined versions first.</summary>
    public async Task<IReadOnlyList<QuarantinedVersion>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT complaint_id, version, error, snapshot, quarantined_at FROM projection_quarantine
             ORDER BY quarantined_at DESC, complaint_id, version LIMIT $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = Math.Clamp(limit, 1, MaxList) });
        var rows = new List<QuarantinedVersion>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new QuarantinedVersion(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return rows;
    }

    /// <summary>The snapshot as JSON, or as the record prints itself when its text is not even valid UTF-16.</summary>
    private static string Describe(ComplaintSnapshot snapshot)
    {
        try
        {
            return JsonSerializer.Serialize(snapshot, Json);
        }
        catch (ArgumentException)
        {
            return snapshot.ToString();
        }
    }

    /// <summary>The text with each control character and unpaired surrogate written as a \uXXXX escape.</summary>
    public static string Storable(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var paired = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (paired)
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsControl(c) || char.IsSurrogate(c))
            {
                builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
