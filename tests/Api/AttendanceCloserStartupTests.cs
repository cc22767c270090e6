using Npgsql;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Api;

/// <summary>The silo registers the city's attendance closer reminder at start, and officers register none of their own.</summary>
public sealed class AttendanceCloserStartupTests(ApiSiloFixture api) : IClassFixture<ApiSiloFixture>
{
    [Fact]
    public async Task The_silo_registers_one_city_reminder_for_attendance_and_officers_on_the_roster_have_none()
    {
        // The fixture put two officers on the roster through the admin API (each grain saved its registration).
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        async Task<long> Count(string name)
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM orleans_reminders WHERE reminder_name = $1", connection) { Parameters = { new() { Value = name } } };
            return (long)(await command.ExecuteScalarAsync())!;
        }

        await Poll.UntilAsync(async () => await Count("attendance-close-city") == 1, TimeSpan.FromSeconds(30), () => "the city's attendance reminder");
        Assert.Equal(0, await Count("attendance-close"));
    }
}
