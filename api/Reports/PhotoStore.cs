using System.Data;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Npgsql;

namespace TangerangLive.Api.Reports;

/// <summary>A stored photo without its bytes: the report and account it belongs to.</summary>
public sealed record StoredPhoto(long Id, string ReportId, string OwnerId, string ContentType, int Size, bool Attached);

/// <summary>What one upload wrote: the new rows (a photo the report already has writes none), or the quota that refused it.</summary>
public sealed record PhotoWrite(IReadOnlyList<long> Inserted, PhotoQuotaRefusal? Refused);

/// <summary>
/// Report and proof photos in PostgreSQL (table photos), so every silo serves every photo. A photo is named
/// by the SHA-256 of its bytes ("photos/HASH.ext", the reference a report keeps), checked by its magic bytes
/// (JPEG, PNG or WebP only), and belongs to one report and the account that uploaded it. Rows are written
/// unattached before the report or resolution that names them, and attached once that is stored.
/// </summary>
public sealed class PhotoStore(NpgsqlDataSource dataSource, IOptions<PhotoOptions> options, TimeProvider time)
{
    public const int MaxPhotos = 3;
    public const long MaxPhotoBytes = 5 * 1024 * 1024;
    public const string ReferencePrefix = "photos/";

    /// <summary>The image type by magic bytes, or null when the bytes are not a JPEG, PNG or WebP image.</summary>
    public static string? ExtensionOf(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return ".jpg";
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ".png";
        }

        return bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8) ? ".webp" : null;
    }

    /// <summary>The reference a photo is stored under ("photos/HASH.ext").</summary>
    public static string ReferenceOf(byte[] bytes) => ReferencePrefix + HashOf(bytes) + ExtensionOf(bytes);

    /// <summary>The hash and content type a photo name ("HASH.ext" or "photos/HASH.ext") stands for, or null when it is not one of ours.</summary>
    public static (string Sha256, string ContentType)? ParseName(string name)
    {
        var bare = name.StartsWith(ReferencePrefix, StringComparison.Ordinal) ? name[ReferencePrefix.Length..] : name;
        var dot = bare.IndexOf('.', StringComparison.Ordinal);
        if (dot != 64 || !bare[..dot].All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        return bare[dot..] switch
        {
            ".jpg" => (bare[..dot], "image/jpeg"),
            ".png" => (bare[..dot], "image/png"),
            ".webp" => (bare[..dot], "image/webp"),
            _ => null,
        };
    }

    /// <summary>
    /// Writes the photos of <paramref name="reportId"/>, uploaded by <paramref name="ownerId"/>, unattached; the new
    /// ones count towards the owner's daily quota, and when that would be exceeded nothing is written.
    /// </summary>
    public async Task<PhotoWrite> WriteAsync(string reportId, string ownerId, IReadOnlyList<byte[]> photos, CancellationToken cancellationToken)
    {
        if (photos.Count == 0)
        {
            return new PhotoWrite([], null);
        }

        // One statement, so one round trip on the report's way to its grain (it was four: look up, charge, insert, commit):
        // the upload's photos the report has already (a retry) are touched, so the orphan sweep leaves them be; the
        // others are charged to the owner's day by the quota's atomic upsert and inserted only if it took them.
        var named = photos.Select(p => (Sha256: HashOf(p), Bytes: p)).DistinctBy(p => p.Sha256).ToList();
        var day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var limits = options.Value;
        await using var write = dataSource.CreateCommand("""
            WITH upload AS (
                SELECT * FROM unnest($3::text[], $4::text[], $5::integer[], $6::bytea[]) AS u (sha256, content_type, size_bytes, bytes)
            ), touched AS (
                UPDATE photos p SET created_at = now() FROM upload u WHERE p.report_id = $1 AND p.sha256 = u.sha256 AND p.attached_at IS NULL
            ), fresh AS (
                SELECT u.* FROM upload u WHERE NOT EXISTS (SELECT 1 FROM photos p WHERE p.report_id = $1 AND p.sha256 = u.sha256)
            ), charged AS (
                INSERT INTO photo_quota (owner_id, day, photos, bytes)
                SELECT $2, $7, count(*), sum(size_bytes) FROM fresh HAVING count(*) > 0 AND count(*) <= $8 AND sum(size_bytes) <= $9
                ON CONFLICT (owner_id, day) DO UPDATE SET photos = photo_quota.photos + excluded.photos, bytes = photo_quota.bytes + excluded.bytes
                WHERE photo_quota.photos + excluded.photos <= $8 AND photo_quota.bytes + excluded.bytes <= $9
                RETURNING 1
            ), inserted AS (
                INSERT INTO photos (report_id, owner_id, sha256, content_type, size_bytes, bytes)
                SELECT $1, $2, sha256, content_type, size_bytes, bytes FROM fresh WHERE EXISTS (SELECT 1 FROM charged)
                ON CONFLICT (report_id, sha256) DO NOTHING
                RETURNING id
            )
            SELECT (SELECT count(*) FROM fresh)::integer, (SELECT coalesce(sum(size_bytes), 0) FROM fresh)::bigint,
                   EXISTS (SELECT 1 FROM charged), ARRAY(SELECT id FROM inserted)
            """);
        write.Parameters.Add(new NpgsqlParameter { Value = reportId });
        write.Parameters.Add(new NpgsqlParameter { Value = ownerId });
        write.Parameters.Add(new NpgsqlParameter { Value = named.Select(p => p.Sha256).ToArray() });
        write.Parameters.Add(new NpgsqlParameter { Value = named.Select(p => ParseName(p.Sha256 + ExtensionOf(p.Bytes))!.Value.ContentType).ToArray() });
        write.Parameters.Add(new NpgsqlParameter { Value = named.Select(p => p.Bytes.Length).ToArray() });
        write.Parameters.Add(new NpgsqlParameter { Value = named.Select(p => p.Bytes).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bytea });
        write.Parameters.Add(new NpgsqlParameter { Value = day });
        write.Parameters.Add(new NpgsqlParameter { Value = limits.PhotosPerUserPerDay });
        write.Parameters.Add(new NpgsqlParameter { Value = limits.BytesPerUserPerDay });
        int freshCount;
        long freshBytes;
        bool charged;
        long[] inserted;
        await using (var reader = await write.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (freshCount, freshBytes, charged, inserted) = (reader.GetInt32(0), reader.GetInt64(1), reader.GetBoolean(2), reader.GetFieldValue<long[]>(3));
        }

        if (freshCount > 0 && !charged)
        {
            return new PhotoWrite([], await PhotoQuota.RefusalAsync(dataSource, ownerId, day, freshCount, freshBytes, limits, cancellationToken));
        }

        return new PhotoWrite(inserted, null);
    }

    /// <summary>Marks the report's photos with these references as attached: the report (or its resolution) that names them is stored.</summary>
    public async Task AttachAsync(string reportId, IReadOnlyList<string> references, CancellationToken cancellationToken)
    {
        var hashes = references.Select(ParseName).OfType<(string Sha256, string ContentType)>().Select(p => p.Sha256).Distinct().ToArray();
        if (hashes.Length == 0)
        {
            return;
        }

        await using var update = dataSource.CreateCommand("UPDATE photos SET attached_at = now() WHERE report_id = $1 AND sha256 = ANY($2) AND attached_at IS NULL");
        update.Parameters.Add(new NpgsqlParameter { Value = reportId });
        update.Parameters.Add(new NpgsqlParameter { Value = hashes });
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes rows a refused report or resolution wrote (only while they are unattached).</summary>
    public async Task DeleteUnattachedAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        await using var delete = dataSource.CreateCommand("DELETE FROM photos WHERE id = ANY($1) AND attached_at IS NULL");
        delete.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        await delete.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The rows with this hash and type, at most 20: first those of reports the query model says
    /// <paramref name="userId"/> filed or <paramref name="officerId"/> worked, then the newest.
    /// </summary>
    public async Task<IReadOnlyList<StoredPhoto>> FindAsync(string sha256, string contentType, string userId, string? officerId, CancellationToken cancellationToken)
    {
        await using var select = dataSource.CreateCommand("""
            SELECT p.id, p.report_id, p.owner_id, p.content_type, p.size_bytes, p.attached_at IS NOT NULL
            FROM photos p
            WHERE p.sha256 = $1 AND p.content_type = $2
            ORDER BY p.owner_id = $3 DESC,
                     EXISTS (SELECT 1 FROM complaints c WHERE c.id = p.report_id AND (c.reporter_id = $3 OR c.officer_id = $4)) DESC,
                     p.created_at DESC
            LIMIT 20
            """);
        select.Parameters.Add(new NpgsqlParameter { Value = sha256 });
        select.Parameters.Add(new NpgsqlParameter { Value = contentType });
        select.Parameters.Add(new NpgsqlParameter { Value = userId });
        select.Parameters.Add(new NpgsqlParameter { Value = (object?)officerId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var rows = new List<StoredPhoto>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new StoredPhoto(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetBoolean(5)));
        }

        return rows;
    }

    /// <summary>The photo's bytes as a stream read from the database as it is sent (no copy in memory), or null when the row is gone.</summary>
    public async Task<PhotoContent?> OpenAsync(long id, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var command = new NpgsqlCommand("SELECT bytes FROM photos WHERE id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, cancellationToken);
        if (await reader.ReadAsync(cancellationToken))
        {
            return new PhotoContent(connection, command, reader, await reader.GetStreamAsync(0, cancellationToken));
        }

        await new PhotoContent(connection, command, reader, Stream.Null).DisposeAsync();
        return null;
    }

    private static string HashOf(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
}

/// <summary>An open read of one photo's bytes; disposing it gives the connection back.</summary>
public sealed class PhotoContent(NpgsqlConnection connection, NpgsqlCommand command, NpgsqlDataReader reader, Stream stream) : IAsyncDisposable
{
    public Stream Stream => stream;

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync();
        await reader.DisposeAsync();
        await command.DisposeAsync();
        await connection.DisposeAsync();
    }
}
