using Npgsql;

namespace TangerangLive.Api.Enrolment;

/// <summary>Device credentials in PostgreSQL (device_credentials): issue, find, revoke.</summary>
public sealed class DeviceCredentialStore(NpgsqlDataSource dataSource)
{
    /// <summary>The officer a live (not revoked) credential belongs to, when the secret matches and the officer is active.</summary>
    public async Task<string?> VerifyAsync(DeviceCredential credential, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT c.officer_id, c.secret_sha256 FROM device_credentials c
              JOIN officer_directory o ON o.officer_id = c.officer_id AND o.active
             WHERE c.credential_id = $1 AND c.revoked_at IS NULL
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = credential.CredentialId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var officerId = reader.GetString(0);
        return credential.Matches(reader.GetFieldValue<byte[]>(1)) ? officerId : null;
    }

    /// <summary>A new credential for the officer; every older one is revoked in the same transaction.</summary>
    public async Task<DeviceCredential> IssueAsync(string officerId, CancellationToken cancellationToken = default)
    {
        var credential = DeviceCredential.New();
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command("UPDATE device_credentials SET revoked_at = now() WHERE officer_id = $1 AND revoked_at IS NULL", officerId));
        batch.BatchCommands.Add(Command("INSERT INTO device_credentials (credential_id, officer_id, secret_sha256) VALUES ($1, $2, $3)", credential.CredentialId, officerId, credential.SecretHash));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return credential;
    }

    /// <summary>Revokes every credential of the officer; returns how many were live.</summary>
    public async Task<int> RevokeAllAsync(string officerId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("UPDATE device_credentials SET revoked_at = now() WHERE officer_id = $1 AND revoked_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = officerId });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
