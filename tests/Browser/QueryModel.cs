using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TangerangLive.Api.Reports;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Browser;

/// <summary>The queue reads the query model, which the projection writes shortly after a report is stored.</summary>
public static class QueryModel
{
    public static Task WaitForAsync(HttpClient staff, string reportId, TimeSpan? timeout = null) =>
        Poll.UntilAsync(
            async () => (await staff.GetFromJsonAsync<Page<JsonObject>>("/api/ops/reports?pageSize=200", ApiJson.Options))!
                .Items.Any(r => r["id"]!.GetValue<string>() == reportId),
            timeout ?? TimeSpan.FromSeconds(20),
            () => $"report {reportId} to reach the query model");
}
