using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using TangerangLive.LoadTest.Core;

namespace TangerangLive.LoadTest.Run;

/// <summary>
/// Signs the simulated people in as a city would: the roster imported in one CSV request (each officer
/// gets a tracking device id and a device credential), each phone exchanging its credential for an
/// access token, citizens registering their own accounts.
/// </summary>
internal sealed class Enrolment(SiloClient client, RunOptions options)
{
    private const int Parallel = 32;

    /// <summary>How long sign-ins wait out the per-address limit before the run gives up.</summary>
    private static readonly TimeSpan SignInPatience = TimeSpan.FromMinutes(3);

    /// <summary>The import of 100,000 officers may take up to two minutes (issue 8); leave room.</summary>
    private static readonly TimeSpan ImportTimeout = TimeSpan.FromMinutes(5);

    /// <summary>An admin's access token.</summary>
    public async Task<string> AdminTokenAsync(CancellationToken cancellation)
    {
        var answer = await PacedAsync(() => client.SendAsync<TokenAnswer>("setup: admin sign-in", HttpMethod.Post, "/api/auth/token", null,
            new { username = options.AdminUser, password = options.AdminPassword }, MonotonicClock.Now, cancellation), cancellation);
        return answer.Ok ? answer.Value!.AccessToken
            : throw new InvalidOperationException($"admin sign-in failed ({answer.ErrorKind}): {answer.Detail}");
    }

    /// <summary>Imports the roster and keeps each officer's tracking device id; returns device credentials by officer.</summary>
    public async Task<Dictionary<string, string>> ImportAsync(string adminToken, IReadOnlyList<SimOfficer> officers, CancellationToken cancellation)
    {
        var csv = new StringBuilder("officer_id,name,agency,team\n");
        foreach (var officer in officers)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{officer.OfficerId},Load test officer {officer.Index},{officer.Agency},load test\n");
        }

        var answer = await client.SendAsync<ImportAnswer>("setup: roster import", baseUri =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "/api/admin/officers/import?credentials=issue"))
            {
                Content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"),
            };
            SiloClient.Authorize(request, adminToken);
            return request;
        }, MonotonicClock.Now, cancellation, ImportTimeout);
        if (!answer.Ok)
        {
            throw new InvalidOperationException($"roster import failed ({answer.ErrorKind}): {answer.Detail}");
        }

        var byId = officers.ToDictionary(o => o.OfficerId, StringComparer.Ordinal);
        var credentials = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var imported in answer.Value!.Officers)
        {
            if (byId.TryGetValue(imported.OfficerId, out var officer) && imported.DeviceCredential is { } credential)
            {
                officer.TrackingDeviceId = imported.TrackingDeviceId;
                credentials[imported.OfficerId] = credential;
            }
        }

        return credentials.Count == officers.Count ? credentials
            : throw new InvalidOperationException($"roster import returned {credentials.Count} credentials for {officers.Count} officers");
    }

    /// <summary>
    /// A phone exchanges its device credential for an access token (no password hash on the server),
    /// sending it as <c>Authorization: Device tlc_...</c> so the rate limit applies per credential, not per address.
    /// </summary>
    public async Task<string> DeviceTokenAsync(string credential, CancellationToken cancellation)
    {
        var answer = await client.SendAsync<TokenAnswer>("setup: device token", baseUri =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "/api/auth/device-token"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Device", credential);
            return request;
        }, MonotonicClock.Now, cancellation);
        return answer.Ok ? answer.Value!.AccessToken
            : throw new InvalidOperationException($"device token exchange failed ({answer.ErrorKind}): {answer.Detail}");
    }

    /// <summary>Registers <paramref name="count"/> citizens and signs each in; returns their access tokens.</summary>
    public async Task<string[]> CitizensAsync(string runId, int count, CancellationToken cancellation)
    {
        var tokens = new string[count];
        await ForEachAsync(Enumerable.Range(0, count).ToList(), async i =>
        {
            var credentials = new { username = $"lt-{runId}-c{i}", password = $"loadtest-{runId}-{i}" };
            var registered = await PacedAsync(() => client.SendAsync<NoBody>("setup: citizen register", HttpMethod.Post, "/api/auth/register", null, credentials, MonotonicClock.Now, cancellation), cancellation);
            if (!registered.Ok && registered.Status != HttpStatusCode.Conflict)
            {
                throw new InvalidOperationException($"citizen registration failed ({registered.ErrorKind}): {registered.Detail}");
            }

            var token = await PacedAsync(() => client.SendAsync<TokenAnswer>("setup: citizen sign-in", HttpMethod.Post, "/api/auth/token", null, credentials, MonotonicClock.Now, cancellation), cancellation);
            tokens[i] = token.Ok ? token.Value!.AccessToken
                : throw new InvalidOperationException($"citizen sign-in failed ({token.ErrorKind}): {token.Detail}");
        }, cancellation);
        return tokens;
    }

    /// <summary>
    /// Sign-in and registration are limited per client address (30 a minute by default), and all the
    /// simulated citizens share this machine's address: a 429 is waited out and tried again, for up to
    /// <see cref="SignInPatience"/>, as a patient person would.
    /// </summary>
    private static async Task<ApiResult<T>> PacedAsync<T>(Func<Task<ApiResult<T>>> send, CancellationToken cancellation)
    {
        var giveUp = MonotonicClock.Add(MonotonicClock.Now, SignInPatience);
        while (true)
        {
            var answer = await send();
            if (answer.Status != HttpStatusCode.TooManyRequests || MonotonicClock.Now > giveUp || !await Pause.ForAsync(TimeSpan.FromSeconds(5), cancellation))
            {
                return answer;
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> for every item, <see cref="Parallel"/> at a time.</summary>
    public static Task ForEachAsync<T>(IReadOnlyList<T> items, Func<T, Task> action, CancellationToken cancellation, int parallel = Parallel) =>
        System.Threading.Tasks.Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellation },
            async (item, _) => await action(item));
}
