using System.Net;
using TangerangLive.LoadTest.Core;

namespace TangerangLive.LoadTest.Run;

/// <summary>
/// Enrolment for a server without the bulk import (<c>POST /api/admin/officers/import</c> answers 404):
/// each officer put on the roster with its own tracking device id, given an account, and signed in with
/// a password. Each sign-in costs the server a password hash, so this suits a few hundred officers.
/// </summary>
internal sealed class RosterByHand(SiloClient client, string runId)
{
    public async Task EnrolAsync(string adminToken, IReadOnlyList<SimOfficer> officers, CancellationToken cancellation) =>
        await Enrolment.ForEachAsync(officers, async officer =>
        {
            officer.TrackingDeviceId = $"trk-{officer.OfficerId}";
            var roster = await client.SendAsync<NoBody>("setup: roster put", HttpMethod.Put, $"/api/admin/officers/{officer.OfficerId}", adminToken,
                new { name = $"Load test officer {officer.Index}", agency = officer.Agency, team = "load test", deviceIds = new[] { officer.TrackingDeviceId } },
                MonotonicClock.Now, cancellation);
            Require(roster, "roster put", officer);
            var credentials = new { username = officer.OfficerId, password = $"loadtest-{runId}-{officer.Index}" };
            var user = await client.SendAsync<NoBody>("setup: officer account", HttpMethod.Post, "/api/admin/users", adminToken,
                new { credentials.username, credentials.password, role = "officer", officerId = officer.OfficerId }, MonotonicClock.Now, cancellation);
            if (user.Status != HttpStatusCode.Conflict)
            {
                Require(user, "officer account", officer);
            }

            var token = await client.SendAsync<TokenAnswer>("setup: officer sign-in", HttpMethod.Post, "/api/auth/token", null, credentials, MonotonicClock.Now, cancellation);
            Require(token, "officer sign-in", officer);
            officer.Token = token.Value!.AccessToken;
        }, cancellation, parallel: 4);

    private static void Require<T>(ApiResult<T> result, string step, SimOfficer officer)
    {
        if (!result.Ok)
        {
            throw new InvalidOperationException($"{step} for {officer.OfficerId} failed ({result.ErrorKind}): {result.Detail}");
        }
    }
}
