using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TangerangLive.Api.Reports;
using TangerangLive.Grains.Complaints;
using TangerangLive.Tests.Api;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Photos;

/// <summary>
/// Photos belong to the cluster: stored in PostgreSQL and served by every silo, checked by their magic bytes,
/// limited per account and day, and removed when nothing ever came to name them.
/// </summary>
[Collection(PhotoCollection.Name)]
public sealed class PhotoStorageTests(PhotoClusterFixture cluster)
{
    [Fact]
    public async Task A_photo_uploaded_through_one_silo_is_served_by_the_other()
    {
        using var citizen = await cluster.NewCitizenAsync();
        var first = TestImages.Jpeg(4000);
        var second = TestImages.Png(5000);
        var onA = await PhotoRequests.SubmitAcceptedAsync(citizen.OnA, "garbage", cluster.NextPoint(), first);
        var onB = await PhotoRequests.SubmitAcceptedAsync(citizen.OnB, "garbage", cluster.NextPoint(), second);

        await PhotoRequests.AssertServedAsync(citizen.OnB, PhotoRequests.Url(onA.Photos[0]), first, "image/jpeg", "the reporter on silo B");
        await PhotoRequests.AssertServedAsync(citizen.OnA, PhotoRequests.Url(onB.Photos[0]), second, "image/png", "the reporter on silo A");
        using var operatorOnB = await cluster.B.ClientAsync("operator");
        await PhotoRequests.AssertServedAsync(operatorOnB, PhotoRequests.Url(onA.Photos[0]), first, "image/jpeg", "an operator on silo B");

        // A photo never changes under its name: a browser's copy is revalidated by its hash.
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, PhotoRequests.Url(onA.Photos[0]));
        revalidate.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{PhotoRequests.Sha256(first)}\""));
        using var notModified = await citizen.OnB.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_daily_photo_count_quota_answers_429_naming_its_limit_and_stores_nothing()
    {
        using var citizen = await cluster.NewCitizenAsync();
        using (var three = await PhotoRequests.SubmitAsync(citizen.OnA, "garbage", cluster.NextPoint(), [TestImages.Png(), TestImages.Png(), TestImages.Png()], "quota-1"))
        {
            Assert.Equal(HttpStatusCode.Created, three.StatusCode);
        }

        using (var over = await PhotoRequests.SubmitAsync(citizen.OnB, "garbage", cluster.NextPoint(), [TestImages.Png(), TestImages.Png()], "quota-2"))
        {
            await AssertQuotaAsync(over, "Photos:PhotosPerUserPerDay");
        }

        Assert.Equal(3L, await CountPhotosAsync(citizen.UserId));

        // The refused report was never stored: the same key with one photo is a new report (201), not a replay.
        using (var one = await PhotoRequests.SubmitAsync(citizen.OnA, "garbage", cluster.NextPoint(), [TestImages.Png()], "quota-2"))
        {
            Assert.Equal(HttpStatusCode.Created, one.StatusCode);
        }

        using (var fifth = await PhotoRequests.SubmitAsync(citizen.OnA, "garbage", cluster.NextPoint(), [TestImages.Png()], "quota-3"))
        {
            await AssertQuotaAsync(fifth, "Photos:PhotosPerUserPerDay");
        }

        Assert.Equal((long)PhotoClusterFixture.PhotosPerDay, await CountPhotosAsync(citizen.UserId));
    }

    [Fact]
    public async Task The_daily_byte_quota_answers_429_naming_its_limit_and_stores_nothing()
    {
        using var citizen = await cluster.NewCitizenAsync();
        await PhotoRequests.SubmitAcceptedAsync(citizen.OnA, "garbage", cluster.NextPoint(), TestImages.Jpeg(60_000));
        using (var over = await PhotoRequests.SubmitAsync(citizen.OnA, "garbage", cluster.NextPoint(), [TestImages.Jpeg(60_000)]))
        {
            await AssertQuotaAsync(over, "Photos:BytesPerUserPerDay");
        }

        Assert.Equal(1L, await CountPhotosAsync(citizen.UserId));
        Assert.Equal(60_000L, await cluster.ScalarAsync<long>("SELECT bytes FROM photo_quota WHERE owner_id = $1", citizen.UserId));
    }

    [Fact]
    public async Task A_file_that_is_not_a_JPEG_PNG_or_WebP_is_a_400_naming_its_field_and_nothing_is_stored()
    {
        using var citizen = await cluster.NewCitizenAsync();
        using var response = await PhotoRequests.SubmitAsync(citizen.OnA, "garbage", cluster.NextPoint(), [TestImages.Png(), TestImages.FakeJpeg()]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["photos[1]"], await PhotoRequests.ErrorFieldsAsync(response));
        Assert.Equal(0L, await CountPhotosAsync(citizen.UserId));
    }

    [Fact]
    public async Task A_retry_with_the_same_key_and_photos_is_replayed_and_neither_stores_nor_charges_them_again()
    {
        using var citizen = await cluster.NewCitizenAsync();
        var point = cluster.NextPoint();
        byte[][] photos = [TestImages.Png(1400), TestImages.Jpeg(2400)];
        using (var first = await PhotoRequests.SubmitAsync(citizen.OnA, "garbage", point, photos, "retry-key"))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        // The answer was lost: the phone sends the same report again, through the other silo.
        using (var retry = await PhotoRequests.SubmitAsync(citizen.OnB, "garbage", point, photos, "retry-key"))
        {
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
            Assert.True((await retry.Content.ReadFromJsonAsync<ReportAccepted>())!.Replayed);
        }

        Assert.Equal(2L, await CountPhotosAsync(citizen.UserId));
        Assert.Equal(2L, await cluster.ScalarAsync<long>("SELECT count(*) FROM photos WHERE owner_id = $1 AND attached_at IS NOT NULL", citizen.UserId));
        Assert.Equal(2, await cluster.ScalarAsync<int>("SELECT photos FROM photo_quota WHERE owner_id = $1", citizen.UserId));
        Assert.Equal(3800L, await cluster.ScalarAsync<long>("SELECT bytes FROM photo_quota WHERE owner_id = $1", citizen.UserId));
    }

    [Fact]
    public async Task A_key_reused_with_another_photo_is_a_409_and_only_the_first_reports_photo_stays()
    {
        using var citizen = await cluster.NewCitizenAsync();
        var point = cluster.NextPoint();
        var kept = TestImages.Png(1200);
        var refused = TestImages.Png(1300);
        using (var first = await PhotoRequests.SubmitAsync(citizen.OnA, "garbage", point, [kept], "same-key"))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using (var reuse = await PhotoRequests.SubmitAsync(citizen.OnB, "garbage", point, [refused], "same-key"))
        {
            Assert.Equal(HttpStatusCode.Conflict, reuse.StatusCode);
        }

        Assert.Equal(1L, await CountPhotosAsync(citizen.UserId));
        Assert.Equal(1L, await cluster.ScalarAsync<long>("SELECT count(*) FROM photos WHERE owner_id = $1 AND sha256 = $2 AND attached_at IS NOT NULL", citizen.UserId, PhotoRequests.Sha256(kept)));
        await PhotoRequests.AssertNotFoundAsync(citizen.OnA, $"/api/photos/{PhotoRequests.Sha256(refused)}.png", "the reporter");
    }

    [Fact]
    public async Task The_orphan_sweep_deletes_old_unattached_photos_and_attaches_those_whose_report_names_them()
    {
        using var citizen = await cluster.NewCitizenAsync();
        var photo = TestImages.Png(2200);
        var report = await PhotoRequests.SubmitAcceptedAsync(citizen.OnA, "garbage", cluster.NextPoint(), photo);

        // A silo that died between storing the report and attaching its photo, an hour ago.
        await cluster.ScalarAsync<int>("UPDATE photos SET attached_at = NULL, created_at = now() - interval '1 hour' WHERE report_id = $1 RETURNING 1", report.Id);
        var orphan = await InsertUnattachedAsync(citizen.UserId, "1 hour");
        var young = await InsertUnattachedAsync(citizen.UserId, "0 seconds");

        await Poll.UntilAsync(
            async () => await cluster.ScalarAsync<long>("SELECT count(*) FROM photos WHERE id = $1", orphan) == 0,
            TimeSpan.FromSeconds(20), () => $"the sweep to delete orphan photo {orphan}");
        Assert.Equal(1L, await cluster.ScalarAsync<long>("SELECT count(*) FROM photos WHERE report_id = $1 AND attached_at IS NOT NULL", report.Id));
        Assert.Equal(1L, await cluster.ScalarAsync<long>("SELECT count(*) FROM photos WHERE id = $1 AND attached_at IS NULL", young));
        await PhotoRequests.AssertServedAsync(citizen.OnB, PhotoRequests.Url(report.Photos[0]), photo, "image/png", "the reporter");
    }

    [Fact]
    public async Task A_failed_sweep_is_logged_with_its_stack_and_the_next_sweep_still_runs()
    {
        using var citizen = await cluster.NewCitizenAsync();
        await cluster.ScalarAsync<int>("ALTER TABLE photos RENAME TO photos_away; SELECT 1");
        try
        {
            await Poll.UntilAsync(
                () => Task.FromResult(cluster.A.Output.Contains("Photo sweep failed", StringComparison.Ordinal)
                    && cluster.A.Output.Contains("relation \"photos\" does not exist", StringComparison.Ordinal)
                    && cluster.A.Output.Contains("   at ", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(20), () => $"silo A to log a failed sweep with its stack; it printed:{Environment.NewLine}{cluster.A.Output}");
        }
        finally
        {
            await cluster.ScalarAsync<int>("ALTER TABLE photos_away RENAME TO photos; SELECT 1");
        }

        var orphan = await InsertUnattachedAsync(citizen.UserId, "1 hour");
        await Poll.UntilAsync(
            async () => await cluster.ScalarAsync<long>("SELECT count(*) FROM photos WHERE id = $1", orphan) == 0,
            TimeSpan.FromSeconds(20), () => $"a later sweep to delete orphan photo {orphan}");
        Assert.False(cluster.A.HasExited);
    }

    private async Task<long> InsertUnattachedAsync(string ownerId, string age)
    {
        var bytes = TestImages.Png(700);
        return await cluster.ScalarAsync<long>($"""
            INSERT INTO photos (report_id, owner_id, sha256, content_type, size_bytes, bytes, created_at)
            VALUES ($1, $2, $3, 'image/png', $4, $5, now() - interval '{age}')
            RETURNING id
            """, ComplaintKey.NewId(), ownerId, PhotoRequests.Sha256(bytes), bytes.Length, bytes);
    }

    private Task<long> CountPhotosAsync(string ownerId) => cluster.ScalarAsync<long>("SELECT count(*) FROM photos WHERE owner_id = $1", ownerId);

    private static async Task AssertQuotaAsync(HttpResponseMessage response, string limit)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.TooManyRequests, $"{(int)response.StatusCode} {body}");
        using var problem = JsonDocument.Parse(body);
        Assert.Equal("Photo quota reached", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal(limit, problem.RootElement.GetProperty("limit").GetString());
        Assert.Contains(limit, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
