using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TangerangLive.Api.Ops;

namespace TangerangLive.Tests.Open311;

/// <summary>GET requests: each of the spec's filters, paging and updated_after, read from the query model.</summary>
[Collection(Open311Collection.Name)]
public sealed class Open311FilterTests(Open311SiloFixture api)
{
    [Fact]
    public async Task Each_filter_selects_exactly_the_matching_requests()
    {
        // Exactly now: the reports of the tests before this one in the collection fall before the window.
        var since = Date(DateTimeOffset.UtcNow);
        var garbage = await api.SubmitAsync("garbage", "Sampah di pinggir jalan");
        var afterFirst = DateTimeOffset.UtcNow;
        var road = await api.SubmitAsync("damaged-road", "Aspal retak");
        var tree = await api.SubmitAsync("fallen-tree", "Dahan patah", ("attribute[blocking_road]", "no"));
        foreach (var id in new[] { garbage, road, tree })
        {
            // No DKP or DBMSDA officer is on duty: each goes to the operators' queue, still open.
            await QueryModel.WaitForAsync(api.ConnectionString, id, "Escalated");
        }

        Assert.Equal([tree, road, garbage], await IdsAsync($"start_date={since}"));
        Assert.Equal([tree, garbage], await IdsAsync($"service_request_id={garbage},{tree}&status=closed&service_code=damaged-road"));
        Assert.Equal([garbage], await IdsAsync($"start_date={since}&service_code=garbage"));
        Assert.Equal([road, garbage], await IdsAsync($"start_date={since}&service_code=garbage,damaged-road"));
        Assert.Equal([garbage], await IdsAsync($"start_date={since}&end_date={Date(afterFirst)}"));
        Assert.Equal([tree, road], await IdsAsync($"start_date={Date(afterFirst)}"));
        Assert.Equal([tree, road, garbage], await IdsAsync($"start_date={since}&status=open"));
        Assert.Empty(await IdsAsync($"start_date={since}&status=closed"));
        Assert.Equal([tree, road], await IdsAsync($"start_date={since}&page_size=2"));
        Assert.Equal([garbage], await IdsAsync($"start_date={since}&page_size=2&page=2"));
        Assert.Empty(await IdsAsync($"start_date={since}&page_size=2&page=3"));

        var beforeCancel = DateTimeOffset.UtcNow;
        using (var ops = await api.ClientAsync("operator"))
        {
            using var cancel = await ops.PostAsJsonAsync($"/api/ops/reports/{road}/cancel", new ReasonRequest("sudah diperbaiki warga"));
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        }

        await QueryModel.WaitForAsync(api.ConnectionString, road, "Cancelled");
        Assert.Equal([road], await IdsAsync($"start_date={since}&status=closed"));
        Assert.Equal([tree, garbage], await IdsAsync($"start_date={since}&status=open"));
        Assert.Equal([tree, road, garbage], await IdsAsync($"start_date={since}&status=open,closed"));
        Assert.Equal([road], await IdsAsync($"start_date={since}&updated_after={Date(beforeCancel)}"));
        Assert.Equal([tree, garbage], await IdsAsync($"start_date={since}&updated_before={Date(beforeCancel)}"));

        var cancelled = JsonDocument.Parse(await api.Silo.Http.GetStringAsync($"/open311/v2/requests/{road}.json")).RootElement[0];
        Assert.Equal("closed", cancelled.GetProperty("status").GetString());
        Assert.Equal("Cancelled: sudah diperbaiki warga", cancelled.GetProperty("status_notes").GetString());
        var updates = JsonDocument.Parse(await api.Silo.Http.GetStringAsync($"/open311/v2/servicerequestupdates.json?start_date={since}")).RootElement;
        Assert.Equal(
            [("OPEN", "Report received."), ("INVESTIGATING", "Passed to the command centre's operators."), ("NO_FURTHER_ACTION", "Cancelled: sudah diperbaiki warga")],
            updates.EnumerateArray().Where(u => u.GetProperty("service_request_id").GetString() == road)
                .Select(u => (u.GetProperty("status").GetString(), u.GetProperty("description").GetString())));
    }

    [Fact]
    public async Task Dates_without_an_offset_are_read_in_the_city_time_zone()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var id = await api.SubmitAsync("blocked-drainage", "Saluran tersumbat");
        await api.WaitForQueryModelAsync(id);
        var wib = TimeZoneInfo.ConvertTime(before, TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta")).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        Assert.Contains(id, await IdsAsync($"start_date={wib}&service_code=blocked-drainage"));
        var wibAfter = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddSeconds(2), TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta")).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        Assert.DoesNotContain(id, await IdsAsync($"start_date={wibAfter}&service_code=blocked-drainage"));
    }

    private static string Date(DateTimeOffset at) =>
        Uri.EscapeDataString(at.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture));

    private async Task<IReadOnlyList<string>> IdsAsync(string query)
    {
        using var response = await api.Silo.Http.GetAsync($"/open311/v2/requests.json?{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {(int)response.StatusCode} {body}");
        return [.. JsonDocument.Parse(body).RootElement.EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()!)];
    }
}
