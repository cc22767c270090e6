using Npgsql;
using NpgsqlTypes;
using TangerangLive.Grains.Complaints;

namespace TangerangLive.Silo.Projections;

/// <summary>
/// The query model's rows, a batch at a time: one statement upserts every report's row (replaced only by a newer
/// version) and one inserts every new timeline row (keyed by report and sequence). Each column goes as one array
/// parameter, so a batch of any size is two statements for PostgreSQL to run, not one per row.
/// </summary>
internal static class ProjectionRows
{
    private const string ComplaintsSql = """
        INSERT INTO complaints (id, version, category, agency, status, priority, zone_code, lat, lon, description, channel,
                                reporter_id, officer_id, duplicate_of, attempts, photo_count, submitted_at, sla_due_at, updated_at)
        SELECT * FROM unnest($1::text[], $2::integer[], $3::text[], $4::text[], $5::text[], $6::integer[], $7::text[],
                             $8::double precision[], $9::double precision[], $10::text[], $11::text[], $12::text[], $13::text[],
                             $14::text[], $15::integer[], $16::integer[], $17::timestamptz[], $18::timestamptz[], $19::timestamptz[])
        ON CONFLICT (id) DO UPDATE SET
            version = excluded.version, category = excluded.category, agency = excluded.agency, status = excluded.status,
            priority = excluded.priority, officer_id = excluded.officer_id, duplicate_of = excluded.duplicate_of,
            attempts = excluded.attempts, sla_due_at = excluded.sla_due_at, updated_at = excluded.updated_at
        WHERE complaints.version < excluded.version
        """;

    private const string TimelineSql = """
        INSERT INTO complaint_timeline (complaint_id, seq, at, kind, actor, reason, officer_id, detail)
        SELECT * FROM unnest($1::text[], $2::integer[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
        ON CONFLICT (complaint_id, seq) DO NOTHING
        """;

    /// <summary>Every report's row (one per report: the batch holds each report's newest version once).</summary>
    public static NpgsqlBatchCommand Complaints(IReadOnlyList<ComplaintSnapshot> rows)
    {
        var command = new NpgsqlBatchCommand(ComplaintsSql);
        Add(command, rows, s => s.Report.Id);
        Add(command, rows, s => s.Version);
        Add(command, rows, s => s.Report.Category);
        Add(command, rows, s => s.Report.Agency);
        Add(command, rows, s => s.Status.ToString());
        Add(command, rows, s => s.Report.Priority);
        Add(command, rows, s => s.Report.ZoneCode);
        Add(command, rows, s => s.Report.Lat);
        Add(command, rows, s => s.Report.Lon);
        Add(command, rows, s => s.Report.Description);
        Add(command, rows, s => s.Report.Channel);
        Add(command, rows, s => s.Report.Reporter.UserId);
        Add(command, rows, s => s.OfficerId);
        Add(command, rows, s => s.DuplicateOf);
        Add(command, rows, s => s.Attempts);
        Add(command, rows, s => s.Report.Photos.Count);
        Add(command, rows, s => s.Report.SubmittedAt);
        Add(command, rows, s => s.Report.SlaDueAt);
        Add(command, rows, s => s.UpdatedAt);
        return command;
    }

    /// <summary>Timeline rows, each with the report it belongs to.</summary>
    public static NpgsqlBatchCommand Timeline(IReadOnlyList<(string ComplaintId, TimelineEntry Entry)> rows)
    {
        var command = new NpgsqlBatchCommand(TimelineSql);
        Add(command, rows, r => r.ComplaintId);
        Add(command, rows, r => r.Entry.Seq);
        Add(command, rows, r => r.Entry.At);
        Add(command, rows, r => r.Entry.Kind);
        Add(command, rows, r => r.Entry.Actor);
        Add(command, rows, r => r.Entry.Reason);
        Add(command, rows, r => r.Entry.OfficerId);
        Add(command, rows, r => r.Entry.Detail);
        return command;
    }

    private static void Add<TRow>(NpgsqlBatchCommand command, IReadOnlyList<TRow> rows, Func<TRow, string?> column) =>
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = rows.Select(column).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });

    private static void Add<TRow>(NpgsqlBatchCommand command, IReadOnlyList<TRow> rows, Func<TRow, int> column) =>
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = rows.Select(column).ToArray() });

    private static void Add<TRow>(NpgsqlBatchCommand command, IReadOnlyList<TRow> rows, Func<TRow, double> column) =>
        command.Parameters.Add(new NpgsqlParameter<double[]> { TypedValue = rows.Select(column).ToArray() });

    private static void Add<TRow>(NpgsqlBatchCommand command, IReadOnlyList<TRow> rows, Func<TRow, DateTimeOffset> column) =>
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = rows.Select(column).ToArray() });
}
