using Npgsql;
using NpgsqlTypes;
using TangerangLive.Api.Problems;

namespace TangerangLive.Api.Enrolment;

/// <summary>
/// Stores a checked import in one transaction: the roster table, tracking devices (a generated one per
/// officer, kept across re-imports, plus the ids admins named) and, when asked, new device credentials
/// (older ones revoked). Rows go in by binary COPY, so 100,000 officers take seconds. Device ids another
/// officer holds fail the whole import with the rows named; nothing is stored then.
/// </summary>
public sealed class RosterImportStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const long ImportLock = 0x546c526f73746572; // "TlRoster": one import at a time

    /// <summary>The stored officers and which of them were on the roster before, or null when <paramref name="errors"/> says why not.</summary>
    public async Task<(RosterImportResult Result, IReadOnlySet<string> Existing)?> SaveAsync(
        IReadOnlyList<RosterImportRow> rows, bool issueCredentials, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({ImportLock})", cancellationToken);
        await ExecuteAsync(connection, """
            CREATE TEMP TABLE import_officers (officer_id text PRIMARY KEY, name text, agency text, team text, shift text, active boolean) ON COMMIT DROP;
            CREATE TEMP TABLE import_devices (device_id text PRIMARY KEY, officer_id text) ON COMMIT DROP;
            """, cancellationToken);
        await CopyOfficersAsync(connection, rows, cancellationToken);
        await CopyDevicesAsync(connection, rows.SelectMany(r => (r.Officer.DeviceIds ?? []).Select(d => (d, r.OfficerId))), cancellationToken);

        var taken = await ReadPairsAsync(connection, """
            SELECT i.device_id, d.officer_id FROM import_devices i JOIN officer_devices d USING (device_id)
             WHERE d.officer_id <> i.officer_id AND d.officer_id NOT IN (SELECT officer_id FROM import_officers)
            """, cancellationToken);
        if (taken.Count > 0)
        {
            var placeOf = rows.SelectMany(r => (r.Officer.DeviceIds ?? []).Select(d => (d, r))).ToDictionary(p => p.d, p => p.r, StringComparer.Ordinal);
            foreach (var (device, holder) in taken.Take(RosterImportValidator.MaxReported))
            {
                errors.Add(placeOf[device].Field("device_ids"), $"Device '{device}' is registered to officer '{holder}'.");
            }

            return null;
        }

        var existing = (await ReadPairsAsync(connection, "SELECT officer_id, '' FROM officer_directory WHERE officer_id IN (SELECT officer_id FROM import_officers)", cancellationToken))
            .Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var generated = (await ReadPairsAsync(connection, "SELECT officer_id, device_id FROM officer_devices WHERE generated AND officer_id IN (SELECT officer_id FROM import_officers)", cancellationToken))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var fresh = rows.Where(r => !generated.ContainsKey(r.OfficerId)).Select(r => (TrackingDeviceId.New(), r.OfficerId)).ToList();
        foreach (var (device, officerId) in fresh)
        {
            generated[officerId] = device;
        }

        await ExecuteAsync(connection, $"""
            INSERT INTO officer_directory (officer_id, name, agency, team, shift, active, updated_at)
            SELECT officer_id, name, agency, team, shift, active, '{now:O}'::timestamptz FROM import_officers
            ON CONFLICT (officer_id) DO UPDATE SET name = excluded.name, agency = excluded.agency, team = excluded.team,
                shift = excluded.shift, active = excluded.active, updated_at = excluded.updated_at;
            DELETE FROM officer_devices WHERE NOT generated AND officer_id IN (SELECT officer_id FROM import_officers);
            INSERT INTO officer_devices (device_id, officer_id, generated) SELECT device_id, officer_id, false FROM import_devices
            ON CONFLICT (device_id) DO UPDATE SET officer_id = excluded.officer_id, generated = false, updated_at = now();
            TRUNCATE import_devices;
            """, cancellationToken);
        await CopyDevicesAsync(connection, fresh, cancellationToken);
        await ExecuteAsync(connection, "INSERT INTO officer_devices (device_id, officer_id, generated) SELECT device_id, officer_id, true FROM import_devices", cancellationToken);

        var credentials = issueCredentials ? await IssueCredentialsAsync(connection, rows, cancellationToken) : null;
        await transaction.CommitAsync(cancellationToken);

        var enrolled = rows.Select(r => new EnrolledOfficer(r.OfficerId, generated[r.OfficerId], credentials?[r.OfficerId])).ToList();
        return (new RosterImportResult(rows.Count, rows.Count - existing.Count, existing.Count, enrolled), existing);
    }

    /// <summary>The officer's generated tracking device and the named ones, generated first.</summary>
    public static IReadOnlyList<string> DevicesOf(RosterImportRow row, EnrolledOfficer enrolled) =>
        [enrolled.TrackingDeviceId, .. row.Officer.DeviceIds ?? []];

    private static async Task<Dictionary<string, string>> IssueCredentialsAsync(NpgsqlConnection connection, IReadOnlyList<RosterImportRow> rows, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, "UPDATE device_credentials SET revoked_at = now() WHERE revoked_at IS NULL AND officer_id IN (SELECT officer_id FROM import_officers)", cancellationToken);
        var issued = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var copy = await connection.BeginBinaryImportAsync("COPY device_credentials (credential_id, officer_id, secret_sha256) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            var credential = DeviceCredential.New();
            issued[row.OfficerId] = credential.Text;
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(credential.CredentialId, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(row.OfficerId, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(credential.SecretHash, NpgsqlDbType.Bytea, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
        return issued;
    }

    private static async Task CopyOfficersAsync(NpgsqlConnection connection, IReadOnlyList<RosterImportRow> rows, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync("COPY import_officers (officer_id, name, agency, team, shift, active) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            var o = row.Officer;
            await copy.WriteRowAsync(cancellationToken, row.OfficerId, o.Name.Trim(), o.Agency.Trim(), o.Team?.Trim() ?? string.Empty, o.Shift?.Trim() ?? string.Empty, o.Active);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task CopyDevicesAsync(NpgsqlConnection connection, IEnumerable<(string DeviceId, string OfficerId)> devices, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync("COPY import_devices (device_id, officer_id) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var (deviceId, officerId) in devices)
        {
            await copy.WriteRowAsync(cancellationToken, deviceId, officerId);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task<List<KeyValuePair<string, string>>> ReadPairsAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var pairs = new List<KeyValuePair<string, string>>();
        while (await reader.ReadAsync(cancellationToken))
        {
            pairs.Add(new(reader.GetString(0), reader.GetString(1)));
        }

        return pairs;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
