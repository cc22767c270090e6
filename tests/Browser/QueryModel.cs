using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TangerangLive.Api.Reports;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Browser;

/// <summary>The queue reads the query model, which the projection writes shortly after a report is stored.</summary>
public static class QueryModel
{
    public static async Task WaitForAsync(HttpClient staff, string reportId, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            var page = await staff.GetFromJsonAsync<Page<JsonObject>>("/api/ops/reports?pageSize=200", ApiJson.Options);
            if (page!.Items.Any(r => r["id"]!.GetValue<string>() == reportId))
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Report {reportId} did not reach the query model within {limit.TotalSeconds} s.");
    }
}
