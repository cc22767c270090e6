using System.Net;
using System.Net.Http.Json;
using TangerangLive.Api.Reports;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Reliability;

/// <summary>
/// One citizen's report as a phone sends it through a load balancer: to its silo first, to the other when that
/// one does not answer, again after Retry-After when the answer is 503, always with the same Idempotency-Key.
/// </summary>
internal sealed class Submission(string key, ReportRequest report)
{
    private const int MaxAttempts = 20;

    public string Key { get; } = key;

    public ReportAccepted? Accepted { get; private set; }

    public DateTimeOffset AcceptedAt { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>Statuses of the attempts before the one that was accepted (0 = no answer at all).</summary>
    public List<int> Refusals { get; } = [];

    public async Task SendAsync(IReadOnlyDictionary<SiloProcess, HttpClient> clients, SiloProcess preferred, SiloProcess survivor)
    {
        var silo = preferred;
        while (Attempts < MaxAttempts)
        {
            Attempts++;
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = JsonContent.Create(report) };
            request.Headers.Add("Idempotency-Key", Key);
            try
            {
                using var response = await clients[silo].SendAsync(request);
                // 201, or 200 "replayed" when an earlier attempt was stored but its answer was lost with the silo.
                if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                {
                    Accepted = await response.Content.ReadFromJsonAsync<ReportAccepted>();
                    AcceptedAt = DateTimeOffset.UtcNow;
                    return;
                }

                Refusals.Add((int)response.StatusCode);
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    throw new InvalidOperationException($"Report {Key} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }

                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
            }
            catch (HttpRequestException)
            {
                // The silo is gone (connection refused): the load balancer sends the retry to the one that is left.
                Refusals.Add(0);
                silo = survivor;
            }
        }

        throw new InvalidOperationException($"Report {Key} was not accepted after {MaxAttempts} attempts: {string.Join(", ", Refusals)}");
    }
}
