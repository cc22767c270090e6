using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TangerangLive.Api.Reports;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Intake;

/// <summary>
/// The multipart form of POST /api/reports as the citizens' page sends it: channel web, and the answers to the
/// category's questions as attribute[CODE] fields, checked against the city's definition and kept with the report.
/// </summary>
public sealed class CitizenFormTests(IntakeSiloFixture silo) : IClassFixture<IntakeSiloFixture>
{
    public static TheoryData<string, string[], string, string> BadForms => new()
    {
        { "depth not a number", ["category", "flood", "attribute[water_depth_cm]", "deep"], "attribute[water_depth_cm]", "a number is required (got 'deep')." },
        { "not one of the list", ["category", "fallen-tree", "attribute[blocking_road]", "maybe"], "attribute[blocking_road]", "'maybe' is not one of yes, no." },
        { "a question the category does not ask", ["category", "garbage", "attribute[colour]", "red"], "attribute[colour]", "'garbage' has no attribute 'colour'; it takes volume." },
        { "a malformed attribute field", ["category", "garbage", "attribute[a b]", "1"], "attribute[a b]", "an attribute is attribute[CODE] or attribute[CODE][], CODE 1-64 letters, digits, '_', '-' or '.'." },
        { "a channel of another door", ["category", "garbage", "channel", "open311"], "channel", "app or web." },
    };

    [Theory]
    [MemberData(nameof(BadForms))]
    public async Task A_bad_field_is_a_400_naming_it(string why, string[] fields, string field, string message)
    {
        using var citizen = await silo.ClientAsync("citizen");
        using var response = await citizen.PostAsync("/api/reports", Form([.. fields, "description", why, "lat", "-6.1850", "lon", "106.6380"]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        var only = Assert.Single(errors.EnumerateObject());
        Assert.Equal((field, message), (only.Name, only.Value[0].GetString()));
    }

    [Fact]
    public async Task The_answers_go_with_the_report_and_a_required_one_may_be_left_to_the_officer()
    {
        using var citizen = await silo.ClientAsync("citizen");
        using var answered = await citizen.PostAsync("/api/reports", Form(
            "category", "garbage", "description", "Sampah satu gerobak", "lat", "-6.1702", "lon", "106.6402", "channel", "web", "attribute[volume]", "cart"));
        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
        var id = (await answered.Content.ReadFromJsonAsync<ReportAccepted>(ApiJson.Options))!.Id;
        var report = (await citizen.GetFromJsonAsync<ReportView>($"/api/reports/{id}", ApiJson.Options))!;
        Assert.Equal("web", report.Channel);
        var answer = Assert.Single(report.Attributes!);
        Assert.Equal(("volume", "cart"), (answer.Code, Assert.Single(answer.Values)));

        // An app that does not ask the question still reports the flood; only Open311, which publishes the definition, requires it.
        using var unanswered = await citizen.PostAsync("/api/reports", Form("category", "flood", "description", "Banjir", "lat", "-6.1650", "lon", "106.6455"));
        Assert.Equal(HttpStatusCode.Created, unanswered.StatusCode);
        var flood = (await unanswered.Content.ReadFromJsonAsync<ReportAccepted>(ApiJson.Options))!.Id;
        var floodReport = (await citizen.GetFromJsonAsync<ReportView>($"/api/reports/{flood}", ApiJson.Options))!;
        Assert.Equal(("app", 0), (floodReport.Channel, floodReport.Attributes!.Count));
    }

    private static MultipartFormDataContent Form(params string[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var pair in fields.Chunk(2))
        {
            form.Add(new StringContent(pair[1]), pair[0]);
        }

        return form;
    }
}
