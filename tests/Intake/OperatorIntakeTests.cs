using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TangerangLive.Api.Intake;
using TangerangLive.Api.Reports;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Intake;

/// <summary>POST /api/ops/intake: places from words, the priority override in the timeline, idempotency, and every bad field named.</summary>
public sealed class OperatorIntakeTests(IntakeSiloFixture silo) : IClassFixture<IntakeSiloFixture>
{
    [Fact]
    public async Task A_kelurahan_name_resolves_inside_it_and_a_priority_override_is_in_the_timeline_with_its_reason()
    {
        using var ops = await silo.ClientAsync("operator");
        using var response = await ops.PostAsJsonAsync("/api/ops/intake", new OperatorIntakeRequest(
            "112", "Pak Dedi", "0812 5555 0001", "garbage", "Sampah menumpuk di pasar", null, "kelapa-indah", null, 1, "Blocking the market entrance"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<IntakeAccepted>(ApiJson.Options))!;
        Assert.Equal(("kelurahan", "Kelapa Indah"), (accepted.Place.ResolvedFrom, accepted.Place.ZoneName));
        var report = (await ops.GetFromJsonAsync<ReportView>($"/api/ops/reports/{accepted.Id}", ApiJson.Options))!;
        Assert.Equal((1, "112", accepted.Place.ZoneCode), (report.Priority, report.Channel, report.ZoneCode));
        Assert.Equal(("Pak Dedi", "0812 5555 0001"), (report.Reporter!.Name, report.Reporter.Contact));
        var change = Assert.Single(report.Timeline, t => t.Kind == "priority-changed");
        Assert.Equal(("Blocking the market entrance", "3 -> 1 at intake"), (change.Reason, change.Detail));
        Assert.Contains(report.Timeline, t => t.Kind == "note" && t.Detail!.Contains("Kelapa Indah", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_address_naming_a_kelurahan_resolves_and_a_retry_with_the_same_key_is_the_same_report()
    {
        using var ops = await silo.ClientAsync("supervisor");
        var request = new OperatorIntakeRequest("sms", null, "+6281300001111", "damaged-road", "Jalan berlubang besar", null, null, "Jl. Raya Cikokol no. 3, Kec. Tangerang", null, null);
        async Task<(HttpStatusCode, IntakeAccepted)> SendAsync()
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "/api/ops/intake") { Content = JsonContent.Create(request) };
            message.Headers.Add("Idempotency-Key", "sms-7781");
            using var response = await ops.SendAsync(message);
            return (response.StatusCode, (await response.Content.ReadFromJsonAsync<IntakeAccepted>(ApiJson.Options))!);
        }

        var (firstStatus, first) = await SendAsync();
        var (againStatus, again) = await SendAsync();

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (firstStatus, againStatus));
        Assert.Equal(first.Id, again.Id);
        Assert.True(again.Replayed);
        Assert.Equal(("address", "Cikokol"), (first.Place.ResolvedFrom, first.Place.ZoneName));
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { """{"channel":"fax","callerPhone":"0812","category":"garbage","description":"x","location":{"lat":-6.18,"lon":106.63}}""", "channel" },
        { """{"channel":"112","category":"garbage","description":"x","kelurahan":"Atlantis"}""", "kelurahan" },
        { """{"channel":"112","category":"garbage","description":"x","address":"Jl. Tanpa Nama 1"}""", "address" },
        { """{"channel":"112","category":"garbage","description":"x","kelurahan":"Cikokol","location":{"lat":-6.18,"lon":106.63}}""", "place" },
        { """{"channel":"112","category":"garbage","description":"x"}""", "place" },
        { """{"channel":"112","category":"garbage","description":"x","location":{"lat":-6.18,"lon":106.63},"priority":1}""", "priorityReason" },
        { """{"channel":"112","category":"garbage","description":"x","location":{"lat":-6.18,"lon":106.63},"priority":9,"priorityReason":"why"}""", "priority" },
        { """{"channel":"sms","category":"garbage","description":"x","location":{"lat":-6.18,"lon":106.63}}""", "callerPhone" },
        { """{"channel":"112","callerPhone":"call me","category":"garbage","description":"x","location":{"lat":-6.18,"lon":106.63}}""", "callerPhone" },
        { """{"channel":"112","category":"garbage","description":"x","location":{"lat":-7.5,"lon":106.63}}""", "location" },
        { """{"channel":"112","category":"garbage","description":"x","location":{"lat":95,"lon":106.63}}""", "location.lat" },
        { """{"channel":"112","category":"unicorns","description":"x","location":{"lat":-6.18,"lon":106.63}}""", "category" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_intake_is_a_400_naming_the_field(string body, string field)
    {
        using var ops = await silo.ClientAsync("operator");
        using var response = await ops.PostAsync("/api/ops/intake", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        using var problem = JsonDocument.Parse(text);
        Assert.Equal([field], problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData("citizen", HttpStatusCode.Forbidden)]
    [InlineData("viewer", HttpStatusCode.Forbidden)]
    [InlineData("officer-dishub-1", HttpStatusCode.Forbidden)]
    public async Task Only_operators_enter_reports_for_callers(string account, HttpStatusCode expected)
    {
        using var client = await silo.ClientAsync(account);
        using var response = await client.PostAsJsonAsync("/api/ops/intake", new OperatorIntakeRequest(
            "112", null, "0812", "garbage", "x", new IntakePoint(-6.18, 106.63), null, null, null, null));

        Assert.Equal(expected, response.StatusCode);
    }
}
