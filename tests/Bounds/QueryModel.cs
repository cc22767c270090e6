using Npgsql;

namespace TangerangLive.Tests.Bounds;

/// <summary>Reads what the query model holds for the bound tests: the whole history the grains no longer keep.</summary>
internal sealed class QueryModel(string connectionString)
{
    public async Task<List<string>> DuplicatesOfAsync(string originalId) =>
        await ReadStringsAsync("SELECT id FROM complaints WHERE duplicate_of = $1 ORDER BY id", originalId);

    public async Task<List<(int Seq, string Kind, string? Detail)>> TimelineAsync(string complaintId)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT seq, kind, detail FROM complaint_timeline WHERE complaint_id = $1 ORDER BY seq");
        command.Parameters.Add(new NpgsqlParameter { Value = complaintId });
        var rows = new List<(int, string, string?)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return rows;
    }

    public async Task<Dictionary<string, string>> StatusesAsync(IReadOnlyList<string> ids)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT id, status FROM complaints WHERE id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows[reader.GetString(0)] = reader.GetString(1);
        }

        return rows;
    }

    private async Task<List<string>> ReadStringsAsync(string sql, string parameter)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
