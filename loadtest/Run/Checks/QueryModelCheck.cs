using TangerangLive.LoadTest.Core;

namespace TangerangLive.LoadTest.Run.Checks;

/// <summary>
/// The operators' query model (<c>GET /api/ops/reports</c>, paged, from the run's start) lists every
/// accepted report, after a bounded wait for the projection to catch up.
/// </summary>
internal sealed class QueryModelCheck(SiloClient client, string adminToken)
{
    public const string Name = "operators' query model lists every accepted report";
    public const string Page = "check: ops report page";
    public const int PageSize = 200;
    public static readonly TimeSpan ProjectionWait = TimeSpan.FromSeconds(30);

    public async Task<CheckResult> RunAsync(IReadOnlyCollection<string> accepted, DateTimeOffset runStart, CancellationToken cancellation)
    {
        var deadline = MonotonicClock.Add(MonotonicClock.Now, ProjectionWait);
        var waited = MonotonicClock.Now;
        HashSet<string> missing;
        var pages = 0;
        while (true)
        {
            var listed = new HashSet<string>(StringComparer.Ordinal);
            var from = Uri.EscapeDataString(runStart.AddMinutes(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            for (var page = 1; ; page++)
            {
                var answer = await client.SendAsync<PageAnswer>(Page, HttpMethod.Get, $"/api/ops/reports?from={from}&page={page}&pageSize={PageSize}", adminToken, null, MonotonicClock.Now, cancellation);
                if (!answer.Ok)
                {
                    return CheckResult.From(Name, "the query model could not be read", [$"GET /api/ops/reports page {page}: {answer.ErrorKind} {answer.Detail}"]);
                }

                listed.UnionWith(answer.Value!.Items.Select(i => i.Id));
                pages = page;
                if (answer.Value.Items.Count < PageSize || (long)page * PageSize >= answer.Value.Total)
                {
                    break;
                }
            }

            missing = accepted.Where(id => !listed.Contains(id)).ToHashSet(StringComparer.Ordinal);
            if (missing.Count == 0 || MonotonicClock.Now >= deadline)
            {
                break;
            }

            if (!await Pause.ForAsync(TimeSpan.FromSeconds(2), cancellation))
            {
                break;
            }
        }

        var summary = $"{accepted.Count - missing.Count} of {accepted.Count} listed ({pages} pages of {PageSize}), after {MonotonicClock.Since(waited).TotalSeconds:F1} s";
        return CheckResult.From(Name, summary, [.. missing.Order(StringComparer.Ordinal).Select(id => $"{id}: not listed after {ProjectionWait.TotalSeconds:F0} s")]);
    }
}
