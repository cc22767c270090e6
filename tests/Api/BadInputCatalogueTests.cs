using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TangerangLive.Api.Reports;
using TangerangLive.Grains.Complaints;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Api;

/// <summary>
/// Walks the bad-input catalogue against a real silo: each request gets its status as a ProblemDetails
/// (naming the field for validation errors), and nothing is stored: the report id its idempotency key
/// maps to does not exist, and the query model holds only the caller's later valid report.
/// </summary>
public sealed class BadInputCatalogueTests(ApiSiloFixture api) : IClassFixture<ApiSiloFixture>
{
    public static TheoryData<string> Cases => new(BadInputCatalogue.All.Select(c => c.Name));

    [Fact]
    public void The_catalogue_has_at_least_two_hundred_distinct_cases()
    {
        Assert.True(BadInputCatalogue.All.Count >= 200, $"{BadInputCatalogue.All.Count} cases");
        Assert.Equal(BadInputCatalogue.All.Count, BadInputCatalogue.All.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_gets_a_problem_answer_and_stores_nothing(string name)
    {
        var @case = BadInputCatalogue.Get(name);
        var (client, userId) = await ClientForAsync(@case.As);
        using var _ = client;
        var key = "bad-" + Guid.NewGuid().ToString("N");
        using var request = await @case.Build(new BadInputContext(client, key));
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(@case.Status == response.StatusCode, $"{name}: expected {(int)@case.Status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal((int)@case.Status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("title").GetString()));
        if (@case.Field is { } field)
        {
            var errors = problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
            Assert.True(errors.Contains(field, StringComparer.OrdinalIgnoreCase), $"{name}: errors name {string.Join(", ", errors)}, expected {field}");
        }

        if (@case.IsReport && userId is not null)
        {
            await AssertNothingStoredAsync(client, userId, key, @case.StoredBefore);
        }

        if (@case.NothingStored is { } nothingStored)
        {
            using var admin = await api.ClientAsync("admin");
            await nothingStored(admin);
        }
    }

    private async Task AssertNothingStoredAsync(HttpClient citizen, string userId, string key, int storedBefore)
    {
        using var operatorClient = await api.ClientAsync("operator");
        var keyedId = ComplaintKey.FromIdempotencyKey(userId, key);
        using var byKey = await operatorClient.GetAsync($"/api/reports/{keyedId}");
        if (storedBefore == 0)
        {
            Assert.Equal(HttpStatusCode.NotFound, byKey.StatusCode);
        }
        else
        {
            var kept = await byKey.Content.ReadFromJsonAsync<ReportView>();
            Assert.Equal("Macet total di depan pasar", kept!.Description);
        }

        // A valid report after the bad one: once the projection wrote it, it is the caller's only new row.
        using var sentinel = await citizen.PostAsJsonAsync("/api/reports", new ReportRequest("street-light", "Lampu jalan mati", -6.1844, 106.652, null, null));
        Assert.Equal(HttpStatusCode.Created, sentinel.StatusCode);
        var accepted = await sentinel.Content.ReadFromJsonAsync<ReportAccepted>();
        await api.WaitForQueryModelAsync(accepted!.Id);
        if (storedBefore > 0)
        {
            await api.WaitForQueryModelAsync(keyedId);
        }

        Assert.Equal(storedBefore + 1, await api.CountReportsAsync(userId));
    }

    private async Task<(HttpClient Client, string? UserId)> ClientForAsync(string who) => who switch
    {
        BadInputCatalogue.NewCitizen => await NewCitizenAsync(),
        BadInputCatalogue.NoToken => (api.Silo.ClientWithToken(null), null),
        BadInputCatalogue.Expired => (api.Silo.ClientWithToken(ApiSiloFixture.MintToken("admin", DateTimeOffset.UtcNow.AddMinutes(-5))), null),
        BadInputCatalogue.Forged => (api.Silo.ClientWithToken(ApiSiloFixture.MintToken("admin", DateTimeOffset.UtcNow.AddHours(1), key: "another-key-that-nobody-trusts-0123456789")), null),
        BadInputCatalogue.Garbage => (api.Silo.ClientWithToken("not.a.token"), null),
        _ => (await api.ClientAsync(who), null),
    };

    private async Task<(HttpClient, string?)> NewCitizenAsync()
    {
        var (client, token) = await api.NewCitizenAsync();
        return (client, token.UserId);
    }
}
