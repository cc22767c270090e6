using Npgsql;
using TangerangLive.Grains.Complaints;

namespace TangerangLive.Silo.Projections;

/// <summary>The query model's rows: a report's row (replaced only by a newer version) and its timeline rows (keyed by sequence).</summary>
internal static class ProjectionRows
{
    public static NpgsqlBatchCommand Complaint(ComplaintSnapshot s)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO complaints (id, version, category, agency, status, priority, zone_code, lat, lon, description, channel,
                                    reporter_id, officer_id, duplicate_of, attempts, photo_count, submitted_at, sla_due_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
            ON CONFLICT (id) DO UPDATE SET
                version = excluded.version, category = excluded.category, agency = excluded.agency, status = excluded.status,
                priority = excluded.priority, officer_id = excluded.officer_id, duplicate_of = excluded.duplicate_of,
                attempts = excluded.attempts, sla_due_at = excluded.sla_due_at, updated_at = excluded.updated_at
            WHERE complaints.version < excluded.version
            """);
        var r = s.Report;
        object?[] values =
        [
            r.Id, s.Version, r.Category, r.Agency, s.Status.ToString(), r.Priority, r.ZoneCode, r.Lat, r.Lon, r.Description, r.Channel,
            r.Reporter.UserId, s.OfficerId, s.DuplicateOf, s.Attempts, r.Photos.Count, r.SubmittedAt, r.SlaDueAt, s.UpdatedAt,
        ];
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        // Typed nulls, so PostgreSQL knows what an absent value is.
        command.Parameters[11].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text;
        command.Parameters[12].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text;
        command.Parameters[13].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text;
        return command;
    }

    public static NpgsqlBatchCommand Timeline(string complaintId, TimelineEntry e)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO complaint_timeline (complaint_id, seq, at, kind, actor, reason, officer_id, detail)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (complaint_id, seq) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = complaintId });
        command.Parameters.Add(new NpgsqlParameter { Value = e.Seq });
        command.Parameters.Add(new NpgsqlParameter { Value = e.At });
        command.Parameters.Add(new NpgsqlParameter { Value = e.Kind });
        command.Parameters.Add(new NpgsqlParameter { Value = e.Actor });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)e.Reason ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)e.OfficerId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)e.Detail ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return command;
    }
}
