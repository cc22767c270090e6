using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace TangerangLive.Api.Open311;

/// <summary>A client application's key as admins list it (never the secret).</summary>
public sealed record Open311KeyInfo(string KeyId, string Name, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// api_keys in PostgreSQL (open311_api_keys): issue, list, revoke, verify. A verified key is trusted for
/// <see cref="Open311Options.KeyCacheSeconds"/> so that a burst of submissions costs no database round trip
/// each; revoking evicts it on this silo at once and on the others within that time.
/// </summary>
public sealed partial class Open311KeyStore(NpgsqlDataSource dataSource, TimeProvider clock, IOptions<Open311Options> options, ILogger<Open311KeyStore> logger)
{
    private readonly ConcurrentDictionary<string, (byte[] Hash, DateTimeOffset CheckedAt)> _verified = new(StringComparer.Ordinal);

    public async Task<(Open311ApiKey Key, Open311KeyInfo Info)> IssueAsync(string name, string createdBy, CancellationToken cancellationToken)
    {
        var key = Open311ApiKey.New();
        await using var command = dataSource.CreateCommand(
            "INSERT INTO open311_api_keys (key_id, name, secret_sha256, created_by) VALUES ($1, $2, $3, $4) RETURNING created_at");
        Add(command, key.KeyId, name, key.SecretHash, createdBy);
        var createdAt = (DateTime)(await command.ExecuteScalarAsync(cancellationToken))!;
        LogIssued(key.KeyId, name, createdBy);
        return (key, new Open311KeyInfo(key.KeyId, name, createdBy, new DateTimeOffset(createdAt, TimeSpan.Zero), null));
    }

    public async Task<IReadOnlyList<Open311KeyInfo>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT key_id, name, created_by, created_at, revoked_at FROM open311_api_keys ORDER BY created_at, key_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<Open311KeyInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new Open311KeyInfo(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return keys;
    }

    /// <summary>Revokes a live key; false when there is no live key with this id.</summary>
    public async Task<bool> RevokeAsync(string keyId, CancellationToken cancellationToken)
    {
        _verified.TryRemove(keyId, out _);
        await using var command = dataSource.CreateCommand("UPDATE open311_api_keys SET revoked_at = now() WHERE key_id = $1 AND revoked_at IS NULL");
        Add(command, keyId);
        var revoked = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        if (revoked)
        {
            LogRevoked(keyId);
        }

        return revoked;
    }

    /// <summary>The key's id when the text is a live key, else null.</summary>
    public async Task<string?> VerifyAsync(string? text, CancellationToken cancellationToken)
    {
        if (!Open311ApiKey.TryParse(text, out var key))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (_verified.TryGetValue(key.KeyId, out var cached) && now - cached.CheckedAt < TimeSpan.FromSeconds(options.Value.KeyCacheSeconds))
        {
            return key.Matches(cached.Hash) ? key.KeyId : null;
        }

        await using var command = dataSource.CreateCommand("SELECT secret_sha256 FROM open311_api_keys WHERE key_id = $1 AND revoked_at IS NULL");
        Add(command, key.KeyId);
        if (await command.ExecuteScalarAsync(cancellationToken) is not byte[] hash)
        {
            _verified.TryRemove(key.KeyId, out _);
            return null;
        }

        _verified[key.KeyId] = (hash, now);
        return key.Matches(hash) ? key.KeyId : null;
    }

    private static void Add(NpgsqlCommand command, params object[] values)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Open311 api_key {KeyId} issued for {Name} by {CreatedBy}")]
    private partial void LogIssued(string keyId, string name, string createdBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Open311 api_key {KeyId} revoked")]
    private partial void LogRevoked(string keyId);
}
