using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using TangerangLive.Api.Ops;
using TangerangLive.Api.Reports;
using TangerangLive.Api.Zones;
using TangerangLive.Grains.Officers;
using TangerangLive.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TangerangLive.Tests.Reliability;

/// <summary>What the failover test reads back through the survivor's API as staff, each wait bounded and explained.</summary>
internal sealed class FailoverChecks(HttpClient staff, ITestOutputHelper output)
{
    private static readonly HashSet<string> Settled = ["Offered", "Acknowledged", "EnRoute", "OnScene", "Resolved", "Escalated", "Duplicate"];
    private static readonly HashSet<string> Held = ["Offered", "Acknowledged", "EnRoute", "OnScene"];

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public DateTimeOffset KilledAt { get; set; }

    /// <summary>Each report's status once reports and officers are quiet and agree.</summary>
    public Dictionary<string, string> FinalStatuses { get; } = [];

    public async Task WaitForAvailableOfficersAsync(IReadOnlyCollection<string> officerIds, TimeSpan timeout)
    {
        var available = 0;
        await WaitAsync(async () =>
        {
            var positions = await staff.GetFromJsonAsync<List<OfficerOnMap>>("/api/officers/positions");
            available = positions!.Count(p => officerIds.Contains(p.OfficerId) && p.Available);
            return available == officerIds.Count;
        }, timeout, () => $"all {officerIds.Count} officers available in their zones (saw {available})");
    }

    /// <summary>
    /// Reads every report until each is settled (offered, with an officer, resolved, escalated or a duplicate) and
    /// asserts none was lost and each settled within <paramref name="allowance"/> of the kill (or of its acceptance, if later).
    /// </summary>
    public async Task<Dictionary<string, string>> WaitUntilSettledAsync(IReadOnlyList<(string Id, DateTimeOffset AcceptedAt)> reports, TimeSpan allowance)
    {
        var statuses = new Dictionary<string, string>();
        var settledAt = new Dictionary<string, DateTimeOffset>();
        var lastDue = reports.Max(r => Later(r.AcceptedAt, KilledAt)) + allowance;
        while (settledAt.Count < reports.Count && DateTimeOffset.UtcNow <= lastDue + TimeSpan.FromSeconds(1))
        {
            foreach (var (id, _) in reports.Where(r => !settledAt.ContainsKey(r.Id)))
            {
                statuses[id] = await StatusAsync(id);
                if (Settled.Contains(statuses[id]))
                {
                    settledAt[id] = DateTimeOffset.UtcNow;
                }
            }

            await Task.Delay(250);
        }

        Assert.Empty(statuses.Where(s => s.Value == "HTTP 404").Select(s => $"{s.Key} lost"));
        var late = reports.Where(r => !settledAt.TryGetValue(r.Id, out var at) || at > Later(r.AcceptedAt, KilledAt) + allowance)
            .Select(r => $"{r.Id}: {statuses[r.Id]} (accepted {r.AcceptedAt:HH:mm:ss.fff}, killed {KilledAt:HH:mm:ss.fff}, settled {(settledAt.TryGetValue(r.Id, out var at) ? at.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) : "never")})");
        Assert.Empty(late);
        output.WriteLine($"settled {(settledAt.Values.Max() - KilledAt).TotalSeconds:F1} s after the kill at the latest");
        return statuses;
    }

    /// <summary>
    /// Waits until no report is still on offer and every officer's own assignment agrees with the report that names
    /// it (no officer named by two reports, no officer holding a report that does not name it), then asserts it.
    /// </summary>
    public async Task WaitUntilQuietAndConsistentAsync(IReadOnlyList<string> reportIds, IReadOnlyList<string> officerIds, TimeSpan timeout)
    {
        List<string> problems = [];
        await WaitAsync(async () =>
        {
            problems = await DisagreementsAsync(reportIds, officerIds);
            return problems.Count == 0;
        }, timeout, () => "reports and officers to be quiet and agree: " + string.Join("; ", problems));
        output.WriteLine("final: " + string.Join(", ", FinalStatuses.GroupBy(s => s.Value).Select(g => $"{g.Key} {g.Count()}")));
    }

    /// <summary>Waits until GET /api/ops/reports lists every report in its final status.</summary>
    public async Task WaitForQueryModelAsync(IReadOnlyCollection<string> reportIds, DateTimeOffset from, TimeSpan timeout)
    {
        var wrong = new List<string>();
        await WaitAsync(async () =>
        {
            var since = Uri.EscapeDataString(from.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture));
            var page = await staff.GetFromJsonAsync<Page<ReportRow>>($"/api/ops/reports?from={since}&pageSize=200", ApiJson.Options);
            var listed = page!.Items.ToDictionary(r => r.Id, r => r.Status);
            wrong = [.. reportIds.Where(id => listed.GetValueOrDefault(id) != FinalStatuses[id]).Select(id => $"{id}: {listed.GetValueOrDefault(id) ?? "missing"}, grain {FinalStatuses[id]}")];
            return wrong.Count == 0;
        }, timeout, () => "the query model to list every report in its final status: " + string.Join("; ", wrong));
    }

    private async Task<List<string>> DisagreementsAsync(IReadOnlyList<string> reportIds, IReadOnlyList<string> officerIds)
    {
        var problems = new List<string>();
        var reports = new Dictionary<string, ReportView>();
        foreach (var id in reportIds)
        {
            using var read = await staff.GetAsync(new Uri($"/api/ops/reports/{id}", UriKind.Relative));
            if (read.StatusCode != HttpStatusCode.OK)
            {
                return [$"{id}: HTTP {(int)read.StatusCode}"];
            }

            reports[id] = (await read.Content.ReadFromJsonAsync<ReportView>(ApiJson.Options))!;
            FinalStatuses[id] = reports[id].Status;
        }

        problems.AddRange(reports.Values.Where(r => r.Status is "Offered" or "Received" or "Dispatching" or "Queued").Select(r => $"{r.Id} still {r.Status}"));
        var holders = reports.Values.Where(r => Held.Contains(r.Status) && r.OfficerId is not null).GroupBy(r => r.OfficerId!).ToList();
        problems.AddRange(holders.Where(g => g.Count() > 1).Select(g => $"{g.Key} named by {string.Join(", ", g.Select(r => r.Id))}"));
        foreach (var officerId in officerIds)
        {
            using var read = await staff.GetAsync(new Uri($"/api/officers/{officerId}", UriKind.Relative));
            if (read.StatusCode != HttpStatusCode.OK)
            {
                return [$"{officerId}: HTTP {(int)read.StatusCode}"];
            }

            var own = (await read.Content.ReadFromJsonAsync<OfficerSnapshot>(ApiJson.Options))!.Assignment?.ComplaintId;
            var named = holders.FirstOrDefault(g => g.Key == officerId)?.First().Id;
            if (own != named)
            {
                problems.Add($"{officerId} holds {own ?? "nothing"} while the reports name it for {named ?? "nothing"}");
            }
        }

        return problems;
    }

    private async Task<string> StatusAsync(string id)
    {
        try
        {
            using var read = await staff.GetAsync(new Uri($"/api/ops/reports/{id}", UriKind.Relative));
            return read.StatusCode == HttpStatusCode.OK ? (await read.Content.ReadFromJsonAsync<ReportView>(ApiJson.Options))!.Status : $"HTTP {(int)read.StatusCode}";
        }
        catch (TaskCanceledException)
        {
            return "no answer in 30 s";
        }
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what) =>
        Poll.UntilAsync(condition, timeout, what);
}
