using System.Net;
using System.Net.Http.Json;
using System.Text;
using Npgsql;
using TangerangLive.Api.Admin;
using TangerangLive.Api.Intake;
using TangerangLive.Grains.Officers;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Intake;

/// <summary>
/// One real silo on a fresh database with a webhook secret per social source and the two demo Dishub
/// officers on the roster, for the intake tests of a class.
/// </summary>
public sealed class IntakeSiloFixture : IAsyncLifetime
{
    public const string Officer1 = "officer-dishub-1";

    public static readonly IReadOnlyDictionary<string, string> Secrets = new Dictionary<string, string>
    {
        ["twitter"] = "twitter-test-secret-0123456789",
        ["facebook"] = "facebook-test-secret-0123456789",
        ["whatsapp"] = "whatsapp-test-secret-0123456789",
    };

    public SiloProcess Silo { get; private set; } = null!;

    public string ConnectionString { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync("intake");
        var secrets = Secrets.SelectMany(s => new[] { $"--Intake:Social:Sources:{s.Key}:Secret", s.Value }).ToArray();
        Silo = await SiloProcess.StartAsync(ConnectionString, $"intake-{Guid.NewGuid():N}"[..16], ApiClients.SiloArgs(secrets));
        using var admin = await Silo.ClientAsync("admin");
        foreach (var (officer, device) in new[] { (Officer1, "osmand-dishub-1"), ("officer-dishub-2", "osmand-dishub-2") })
        {
            using var put = await admin.PutAsJsonAsync($"/api/admin/officers/{officer}", new OfficerRequest(officer, "Dishub", "Demo", null, [device], true));
            put.EnsureSuccessStatusCode();
        }
    }

    public async Task DisposeAsync() => await Silo.DisposeAsync();

    public Task<HttpClient> ClientAsync(string username) => Silo.ClientAsync(username);

    /// <summary>Posts a payload to the webhook, signed with the source's secret (or with <paramref name="secret"/>, or unsigned when empty).</summary>
    public async Task<HttpResponseMessage> PostSocialAsync(string source, string json, string? secret = null)
    {
        var body = Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/intake/social/{source}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var key = secret ?? Secrets.GetValueOrDefault(source, "no-secret-for-this-source");
        if (key.Length > 0)
        {
            request.Headers.Add(SocialSignature.Header, SocialSignature.Sign(body, key));
        }

        return await Silo.Http.SendAsync(request);
    }

    /// <summary>Starts the officer's shift and puts them at the point (an OsmAnd ping from their device).</summary>
    public async Task OnDutyAtAsync(string officerId, string device, double lat, double lon)
    {
        using var officer = await ClientAsync(officerId);
        using (var start = await officer.PostAsync("/api/me/shift/start", null))
        {
            Assert.True(start.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"shift start: {start.StatusCode}");
        }

        using var ping = await Silo.Http.GetAsync(FormattableString.Invariant($"/osmand?id={device}&lat={lat}&lon={lon}"));
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        await WaitUntilAsync(async () => (await OfficerAsync(officerId)).Duty == OfficerDuty.Available, $"{officerId} available");
    }

    public async Task<OfficerSnapshot> OfficerAsync(string officerId)
    {
        using var ops = await ClientAsync("operator");
        return (await ops.GetFromJsonAsync<OfficerSnapshot>($"/api/officers/{officerId}", ApiJson.Options))!;
    }

    /// <summary>Waits until the projection wrote the report to the query model.</summary>
    public async Task WaitForQueryModelAsync(string reportId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await WaitUntilAsync(
            async () =>
            {
                await using var command = new NpgsqlCommand("SELECT 1 FROM complaints WHERE id = $1", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = reportId });
                return await command.ExecuteScalarAsync() is not null;
            },
            $"report {reportId} in the query model");
    }

    public async Task<long> CountSocialRowsAsync(string source, string messageId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM social_messages WHERE source = $1 AND message_id = $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = source });
        command.Parameters.Add(new NpgsqlParameter { Value = messageId });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Polls a condition read from the silo's state (no event exists for it) until it holds, for at most 20 s.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited 20 s for {what}.");
            }

            await Task.Delay(50);
        }
    }
}
