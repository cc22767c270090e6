using System.Net;
using System.Net.Http.Json;
using TangerangLive.Api.Field;
using TangerangLive.Api.Ops;
using TangerangLive.Api.Reports;
using TangerangLive.Tests.Api;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Photos;

/// <summary>
/// Who gets a photo: the report's reporter, its officer (holding it now, or who resolved it) and command-centre
/// staff; every other account gets the 404 of a photo that does not exist. A resolve photo is stored only
/// after the holder check.
/// </summary>
[Collection(PhotoCollection.Name)]
public sealed class PhotoAccessTests(PhotoClusterFixture cluster)
{
    [Fact]
    public async Task A_report_photo_is_served_to_its_reporter_and_every_staff_role_and_is_a_404_for_other_accounts()
    {
        using var reporter = await cluster.NewCitizenAsync();
        using var stranger = await cluster.NewCitizenAsync();
        var photo = TestImages.Png(3000);
        var report = await PhotoRequests.SubmitAcceptedAsync(reporter.OnA, "garbage", cluster.NextPoint(), photo);
        var url = PhotoRequests.Url(Assert.Single(report.Photos));
        Assert.Equal($"/api/photos/{PhotoRequests.Sha256(photo)}.png", url);

        await PhotoRequests.AssertServedAsync(reporter.OnA, url, photo, "image/png", "the reporter");
        foreach (var staff in new[] { "operator", "supervisor", "admin", "viewer" })
        {
            using var client = await cluster.A.ClientAsync(staff);
            await PhotoRequests.AssertServedAsync(client, url, photo, "image/png", staff);
        }

        using var officer = await cluster.A.ClientAsync(ApiSiloFixture.Officer2);
        await PhotoRequests.AssertNotFoundAsync(stranger.OnA, url, "another citizen");
        await PhotoRequests.AssertNotFoundAsync(officer, url, "an officer who never held the report");
        await PhotoRequests.AssertNotFoundAsync(stranger.OnA, $"/api/photos/{new string('0', 64)}.png", "anyone asking for a photo that does not exist");
        using var anonymous = await cluster.A.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Only_the_holding_officer_resolves_with_a_photo_a_refused_resolve_stores_nothing_and_the_resolver_keeps_access()
    {
        using var holder = await cluster.A.ClientAsync(ApiSiloFixture.Officer1);
        using var other = await cluster.B.ClientAsync(ApiSiloFixture.Officer2);
        using var operatorClient = await cluster.A.ClientAsync("operator");
        using var viewer = await cluster.B.ClientAsync("viewer");
        using var reporter = await cluster.NewCitizenAsync();
        var point = cluster.NextPoint();
        using (var start = await holder.PostAsync("/api/me/shift/start", null))
        {
            Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        }

        using (var beat = await holder.PostAsJsonAsync("/api/me/heartbeat", new HeartbeatRequest(point.Lat, point.Lon, DateTimeOffset.UtcNow, 8, 0, 90)))
        {
            Assert.Equal(HttpStatusCode.OK, beat.StatusCode);
        }

        try
        {
            var photo = TestImages.Png(2500);
            var report = await PhotoRequests.SubmitAcceptedAsync(reporter.OnA, "traffic-jam", point, photo);
            var photoUrl = PhotoRequests.Url(report.Photos[0]);

            // The dispatcher may have offered it to officer 1 already; assigning then answers 200 as well.
            await Poll.UntilAsync(async () =>
            {
                using var assign = await operatorClient.PostAsJsonAsync($"/api/ops/reports/{report.Id}/assign", new AssignRequest(ApiSiloFixture.Officer1, false, "photo test"));
                return assign.StatusCode == HttpStatusCode.OK;
            }, TimeSpan.FromSeconds(20), () => $"the operator to assign {report.Id} to {ApiSiloFixture.Officer1}");
            await PhotoRequests.AssertServedAsync(holder, photoUrl, photo, "image/png", "officer 1, offered the report");
            await PhotoRequests.AssertNotFoundAsync(other, photoUrl, "officer 2, who does not hold the report");
            using (var ack = await holder.PostAsync($"/api/me/assignments/{report.Id}/acknowledge", null))
            {
                Assert.True(ack.StatusCode == HttpStatusCode.OK, await ack.Content.ReadAsStringAsync());
            }

            var stolenProof = TestImages.Jpeg(1500);
            using (var refused = await ResolveAsync(other, report.Id, stolenProof))
            {
                Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            }

            Assert.Equal(1L, await cluster.ScalarAsync<long>("SELECT count(*) FROM photos WHERE report_id = $1", report.Id));
            Assert.Equal(0L, await cluster.ScalarAsync<long>("SELECT count(*) FROM photos WHERE sha256 = $1", PhotoRequests.Sha256(stolenProof)));

            // Not written and deleted again either: a write would have counted towards officer 2's quota.
            var otherUser = (await cluster.B.TokenAsync(ApiSiloFixture.Officer2)).UserId;
            Assert.Equal(0L, await cluster.ScalarAsync<long>("SELECT count(*) FROM photo_quota WHERE owner_id = $1", otherUser));

            var proof = TestImages.Jpeg(1800);
            using (var resolved = await ResolveAsync(holder, report.Id, proof))
            {
                Assert.True(resolved.StatusCode == HttpStatusCode.OK, await resolved.Content.ReadAsStringAsync());
            }

            Assert.Equal(2L, await cluster.ScalarAsync<long>("SELECT count(*) FROM photos WHERE report_id = $1 AND attached_at IS NOT NULL", report.Id));
            var done = (await reporter.OnB.GetFromJsonAsync<ReportView>($"/api/reports/{report.Id}"))!;
            Assert.Equal("Resolved", done.Status);
            var proofUrl = PhotoRequests.Url(done.ProofPhoto!);
            await PhotoRequests.AssertServedAsync(reporter.OnB, proofUrl, proof, "image/jpeg", "the reporter");
            await PhotoRequests.AssertServedAsync(holder, proofUrl, proof, "image/jpeg", "officer 1, who resolved it");
            await PhotoRequests.AssertServedAsync(holder, photoUrl, photo, "image/png", "officer 1, who resolved it");
            await PhotoRequests.AssertServedAsync(viewer, proofUrl, proof, "image/jpeg", "viewer");
            await PhotoRequests.AssertNotFoundAsync(other, proofUrl, "officer 2");
            await PhotoRequests.AssertNotFoundAsync(other, $"/api/photos/{PhotoRequests.Sha256(stolenProof)}.jpg", "officer 2, whose refused proof was not stored");
        }
        finally
        {
            using var end = await holder.PostAsync("/api/me/shift/end", null);
        }
    }

    private static async Task<HttpResponseMessage> ResolveAsync(HttpClient officer, string reportId, byte[] proof)
    {
        using var form = new MultipartFormDataContent { { PhotoRequests.File(proof), "photo", "done.jpg" }, { new StringContent("Sudah lancar"), "note" } };
        return await officer.PostAsync($"/api/me/assignments/{reportId}/resolve", form);
    }
}
