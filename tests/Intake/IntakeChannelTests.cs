using System.Net;
using System.Net.Http.Json;
using TangerangLive.Api.Intake;
using TangerangLive.Api.Live;
using TangerangLive.Api.Ops;
using TangerangLive.Api.Reports;
using TangerangLive.Grains.Live;
using TangerangLive.Tests.Api;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Intake;

/// <summary>
/// End to end through a real silo: a report from each channel (call centre, 112, SMS, Twitter/X,
/// Facebook, WhatsApp) is stored, dispatched to the on-duty officer (seen in the Live Room with its channel), and listed
/// in the operators' queue with its channel; the caller's contact is shown to staff and to nobody else.
/// </summary>
public sealed class IntakeChannelTests(IntakeSiloFixture silo) : IClassFixture<IntakeSiloFixture>
{
    private static readonly (double Lat, double Lon) OfficerAt = (-6.1823, 106.6358);

    [Fact]
    public async Task A_report_from_each_channel_is_dispatched_and_listed_with_its_channel()
    {
        await using var liveRoom = await Hubs.ConnectAsync(silo.Silo, "/hubs/liveroom", (await silo.Silo.TokenAsync("operator")).AccessToken);
        var changes = new HubRecorder<ComplaintChanged>(liveRoom, nameof(ILiveRoomClient.ComplaintChanged));
        await silo.OnDutyAtAsync(IntakeSiloFixture.Officer1, "osmand-dishub-1", OfficerAt.Lat, OfficerAt.Lon);
        using var ops = await silo.ClientAsync("operator");

        var submissions = new (string Channel, Func<Task<string>> Submit, string? Contact)[]
        {
            ("call-centre", () => OperatorAsync(ops, new("call-centre", "Ibu Rina", "+62 812-1111-2222", "traffic-jam", "Macet di perempatan", new IntakePoint(-6.1850, 106.6380), null, null, null, null)), "+62 812-1111-2222"),
            ("112", () => OperatorAsync(ops, new("112", "Pak Joko", "081233334444", "traffic-jam", "Kecelakaan, jalan tertutup", null, "Sukarasa", null, 2, "Accident blocking both lanes")), "081233334444"),
            ("sms", () => OperatorAsync(ops, new("sms", null, "+6285655556666", "traffic-jam", "Lampu lalu lintas padam, macet", null, null, "Jl. Daan Mogot No. 10, Sukaasih, Tangerang", null, null)), "+6285655556666"),
            ("twitter", () => SocialAsync("twitter", SocialSamples.Tweet("1862000000000000001", "Macet total depan stasiun @PemkotTangerang", (-6.1880, 106.6330), "https://pbs.twimg.com/media/macet1.jpg")), "@warga_tng"),
            ("facebook", () => SocialAsync("facebook", SocialSamples.FacebookPost("104213_8899001", "Macet parah di Babakan pagi ini, mohon diurai")), "5567123"),
            ("whatsapp", () => SocialAsync("whatsapp", SocialSamples.WhatsAppLocation("wamid.HBgLNjI4MTIzNDU2Nzg5MBUCABIYFjNFQjA", -6.1790, 106.6420, "Macet di sini")), "+6281234567890"),
        };

        foreach (var (channel, submit, contact) in submissions)
        {
            var id = await submit();
            var offered = await changes.WaitForAsync(c => c.ComplaintId == id && c.Status == "Offered", $"{channel} report {id} offered");
            Assert.Equal((IntakeSiloFixture.Officer1, channel), (offered.OfficerId, offered.Channel));

            var detail = (await ops.GetFromJsonAsync<ReportView>($"/api/ops/reports/{id}", ApiJson.Options))!;
            Assert.Equal((channel, "traffic-jam"), (detail.Channel, detail.Category));
            Assert.Equal(contact, detail.Reporter!.Contact);
            using (var officer = await silo.ClientAsync(IntakeSiloFixture.Officer1))
            {
                var asOfficer = (await officer.GetFromJsonAsync<ReportView>($"/api/reports/{id}", ApiJson.Options))!;
                Assert.Equal(channel, asOfficer.Channel);
                Assert.Null(asOfficer.Reporter);
                Assert.DoesNotContain(contact!, await officer.GetStringAsync($"/api/reports/{id}"), StringComparison.Ordinal);
            }

            await silo.WaitForQueryModelAsync(id);
            var listed = (await ops.GetFromJsonAsync<Page<ReportRow>>($"/api/ops/reports?channel={channel}", ApiJson.Options))!;
            var row = Assert.Single(listed.Items);
            Assert.Equal((id, channel), (row.Id, row.Channel));

            // Free the officer for the next channel's report.
            using var cancel = await ops.PostAsJsonAsync($"/api/ops/reports/{id}/cancel", new ReasonRequest("test: next channel"));
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
            await IntakeSiloFixture.WaitUntilAsync(async () => (await silo.OfficerAsync(IntakeSiloFixture.Officer1)).Duty == Grains.Officers.OfficerDuty.Available, "the officer free again");
        }
    }

    private static async Task<string> OperatorAsync(HttpClient ops, OperatorIntakeRequest request)
    {
        using var response = await ops.PostAsJsonAsync("/api/ops/intake", request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{request.Channel}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var accepted = (await response.Content.ReadFromJsonAsync<IntakeAccepted>(ApiJson.Options))!;
        Assert.Equal(accepted.Id, accepted.TrackingId);
        return accepted.Id;
    }

    private async Task<string> SocialAsync(string source, string payload)
    {
        using var response = await silo.PostSocialAsync(source, payload);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{source}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var answer = (await response.Content.ReadFromJsonAsync<SocialIntakeAnswer>(ApiJson.Options))!;
        var message = Assert.Single(answer.Messages);
        Assert.True(message.Status == "reported", $"{source}: {message.Status} ({message.Reason})");
        return message.ReportId!;
    }
}
