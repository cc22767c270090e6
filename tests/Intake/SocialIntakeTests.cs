using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TangerangLive.Api.Intake;
using TangerangLive.Api.Ops;
using TangerangLive.Api.Reports;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Intake;

/// <summary>The social webhook: signatures, replays, and the operators' triage list.</summary>
public sealed class SocialIntakeTests(IntakeSiloFixture silo) : IClassFixture<IntakeSiloFixture>
{
    [Theory]
    [InlineData("twitter", "")]
    [InlineData("twitter", "facebook-test-secret-0123456789")]
    [InlineData("facebook", "twitter-test-secret-0123456789")]
    public async Task A_missing_or_wrong_signature_is_a_401_problem_and_stores_nothing(string source, string secret)
    {
        var payload = source == "twitter" ? SocialSamples.Tweet("401-" + secret.Length, "Macet di Cikokol") : SocialSamples.FacebookPost("401_" + secret.Length, "Macet di Cikokol");

        using var response = await silo.PostSocialAsync(source, payload, secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await silo.CountSocialRowsAsync(source, source == "twitter" ? "401-" + secret.Length : "401_" + secret.Length));
    }

    [Fact]
    public async Task An_unknown_source_is_a_404()
    {
        using var response = await silo.PostSocialAsync("myspace", SocialSamples.Tweet("1", "x"), "some-secret-that-is-long-enough");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_replayed_message_creates_nothing_twice_and_answers_what_the_first_call_did()
    {
        var payload = SocialSamples.Tweet("1862000000000000777", "Pohon tumbang menutup jalan", (-6.2087, 106.6320), "https://pbs.twimg.com/media/pohon.jpg");

        var first = await AnswerAsync("twitter", payload);
        var again = await AnswerAsync("twitter", payload);

        Assert.Equal(("reported", false), (first.Status, first.Replayed));
        Assert.Equal(("reported", true, first.ReportId, first.TriageId), (again.Status, again.Replayed, again.ReportId, again.TriageId));
        Assert.Equal(1, await silo.CountSocialRowsAsync("twitter", "1862000000000000777"));
        using var ops = await silo.ClientAsync("operator");
        var report = (await ops.GetFromJsonAsync<ReportView>($"/api/ops/reports/{first.ReportId}", ApiJson.Options))!;
        Assert.Equal(("twitter", "fallen-tree", "Warga Tangerang (@warga_tng)"), (report.Channel, report.Category, report.Reporter!.Name));
        Assert.Contains(report.Timeline, t => t.Kind == "note" && t.Detail == "Photos at the source (not fetched): https://pbs.twimg.com/media/pohon.jpg");
        await silo.WaitForQueryModelAsync(first.ReportId!);
        var listed = (await ops.GetFromJsonAsync<Page<ReportRow>>("/api/ops/reports?channel=twitter&category=fallen-tree", ApiJson.Options))!;
        Assert.Equal([first.ReportId], listed.Items.Select(r => r.Id));
    }

    [Fact]
    public async Task A_message_without_a_place_waits_in_triage_until_an_operator_makes_it_a_report()
    {
        var triaged = await AnswerAsync("whatsapp", SocialSamples.WhatsAppText("wamid.triage-report-1", "Lampu jalan mati sudah 3 hari"));
        Assert.Equal(("triage", "No coordinates in the city and no kelurahan named in the text."), (triaged.Status, triaged.Reason));
        using var ops = await silo.ClientAsync("operator");
        var list = (await ops.GetFromJsonAsync<List<SocialMessageRow>>("/api/ops/triage", ApiJson.Options))!;
        var item = Assert.Single(list, m => m.Id == triaged.TriageId);
        Assert.Equal(("whatsapp", "+6281234567890", "Budi Santoso"), (item.Source, item.Author, item.AuthorName));

        using var missing = await ops.PostAsJsonAsync($"/api/ops/triage/{triaged.TriageId}/report", new TriageReportRequest("street-light", null, null, null, null, null));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        using var made = await ops.PostAsJsonAsync($"/api/ops/triage/{triaged.TriageId}/report", new TriageReportRequest("street-light", null, "Babakan", null, null, null));
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        var outcome = (await made.Content.ReadFromJsonAsync<SocialOutcome>(ApiJson.Options))!;
        Assert.Equal("reported", outcome.Status);

        var report = (await ops.GetFromJsonAsync<ReportView>($"/api/ops/reports/{outcome.ReportId}", ApiJson.Options))!;
        Assert.Equal(("whatsapp", "street-light", "Lampu jalan mati sudah 3 hari"), (report.Channel, report.Category, report.Description));
        Assert.Contains(report.Timeline, t => t.Kind == "note" && t.Actor == "operator" && t.Detail!.Contains("wamid.triage-report-1", StringComparison.Ordinal));
        list = (await ops.GetFromJsonAsync<List<SocialMessageRow>>("/api/ops/triage", ApiJson.Options))!;
        Assert.DoesNotContain(list, m => m.Id == triaged.TriageId);
        using var twice = await ops.PostAsJsonAsync($"/api/ops/triage/{triaged.TriageId}/report", new TriageReportRequest("street-light", null, "Babakan", null, null, null));
        Assert.Equal(outcome.ReportId, (await twice.Content.ReadFromJsonAsync<SocialOutcome>(ApiJson.Options))!.ReportId);
    }

    [Fact]
    public async Task A_triage_message_is_dismissed_once_with_a_reason()
    {
        var triaged = await AnswerAsync("facebook", SocialSamples.FacebookPost("104213_5550001", "Selamat pagi Tangerang!"));
        Assert.Equal("triage", triaged.Status);
        using var ops = await silo.ClientAsync("operator");

        using var noReason = await ops.PostAsJsonAsync($"/api/ops/triage/{triaged.TriageId}/dismiss", new ReasonRequest(" "));
        using var dismissed = await ops.PostAsJsonAsync($"/api/ops/triage/{triaged.TriageId}/dismiss", new ReasonRequest("Greeting, not a report"));
        using var again = await ops.PostAsJsonAsync($"/api/ops/triage/{triaged.TriageId}/dismiss", new ReasonRequest("again"));
        using var unknown = await ops.PostAsJsonAsync("/api/ops/triage/999999/dismiss", new ReasonRequest("x"));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.NotFound),
            (noReason.StatusCode, dismissed.StatusCode, again.StatusCode, unknown.StatusCode));
        var replay = await AnswerAsync("facebook", SocialSamples.FacebookPost("104213_5550001", "Selamat pagi Tangerang!"));
        Assert.Equal(("dismissed", true, "Greeting, not a report"), (replay.Status, replay.Replayed, replay.Reason));
    }

    [Fact]
    public async Task A_malformed_payload_is_a_400_naming_the_field()
    {
        using var notJson = await silo.PostSocialAsync("twitter", "{not json");
        using var noMessage = await silo.PostSocialAsync("whatsapp", """{"object":"whatsapp_business_account","entry":[]}""");
        using var badPhoto = await silo.PostSocialAsync("twitter", SocialSamples.Tweet("55", "Macet", null, "file:///etc/passwd"));

        Assert.Equal("body", await FieldAsync(notJson));
        Assert.Equal("body", await FieldAsync(noMessage));
        Assert.Equal("messages[0].photos", await FieldAsync(badPhoto));
    }

    private static async Task<string> FieldAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        using var problem = JsonDocument.Parse(text);
        return Assert.Single(problem.RootElement.GetProperty("errors").EnumerateObject()).Name;
    }

    private async Task<SocialOutcome> AnswerAsync(string source, string payload)
    {
        using var response = await silo.PostSocialAsync(source, payload);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return Assert.Single((await response.Content.ReadFromJsonAsync<SocialIntakeAnswer>(ApiJson.Options))!.Messages);
    }
}
