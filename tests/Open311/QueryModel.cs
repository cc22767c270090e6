using Npgsql;

namespace TangerangLive.Tests.Open311;

/// <summary>The projection writes the query model a moment after the grain saves; Open311 answers read it.</summary>
public static class QueryModel
{
    /// <summary>Waits until the complaints table holds the report (in this status, when one is named).</summary>
    public static async Task WaitForAsync(string connectionString, string reportId, string? status = null, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        var deadline = DateTime.UtcNow + limit;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        while (DateTime.UtcNow < deadline)
        {
            await using var command = new NpgsqlCommand("SELECT status FROM complaints WHERE id = $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = reportId });
            if (await command.ExecuteScalarAsync() is string seen && (status is null || seen == status))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Waited {limit.TotalSeconds} s for report {reportId} to reach the query model{(status is null ? "" : $" as {status}")}.");
    }
}
