using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using TangerangLive.Api.Auth;
using TangerangLive.Api.Enrolment;
using TangerangLive.Grains.Officers;
using TangerangLive.Tests.Api;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Enrolment;

/// <summary>Bulk enrolment through the real silo: CSV and JSON rosters, device credentials and their revocation.</summary>
public sealed class RosterImportTests(ApiSiloFixture api) : IClassFixture<ApiSiloFixture>
{
    private static readonly string Run = Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task A_spreadsheet_roster_enrols_officers_who_sign_in_with_their_device_credential_and_report_positions()
    {
        using var admin = await api.ClientAsync("admin");
        var csv = "\uFEFFOfficer ID;Name;Agency;Team;Shift;Device IDs\r\n"
            + $"{Run}-a;\"Siti, Rahma\";dishub;Cikokol;Pagi;{Run}-traccar-a\r\n"
            + $"{Run}-b;Budi;BPBD;;malam;\r\n";
        var result = await ImportAsync(admin, csv);
        Assert.Equal((2, 2, 0), (result.Imported, result.Created, result.Updated));
        var a = result.Officers.Single(o => o.OfficerId == $"{Run}-a");
        Assert.Matches("^trk-[a-z2-7]{26}$", a.TrackingDeviceId);
        Assert.StartsWith("tlc_", a.DeviceCredential);
        Assert.NotEqual(a.TrackingDeviceId, result.Officers.Single(o => o.OfficerId == $"{Run}-b").TrackingDeviceId);

        var token = await ExchangeAsync(a.DeviceCredential!);
        Assert.Equal((Roles.Officer, $"{Run}-a"), (token.Role, token.OfficerId));
        Assert.InRange(token.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));
        using var phone = api.Silo.ClientWithToken(token.AccessToken);
        var me = await phone.GetFromJsonAsync<OfficerSnapshot>("/api/me", ApiJson.Options);
        Assert.Equal(("Siti, Rahma", "Dishub", "Cikokol", "Pagi"), (me!.Profile.Name, me.Profile.Agency, me.Profile.Team, me.Profile.Shift));
        Assert.Equal([a.TrackingDeviceId, $"{Run}-traccar-a"], me.Profile.DeviceIds);

        using (var start = await phone.PostAsync("/api/me/shift/start", null))
        {
            Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        }

        var unix = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using (var ping = await api.Silo.Http.GetAsync($"/osmand?id={a.TrackingDeviceId}&lat=-6.1701&lon=106.6402&timestamp={unix}"))
        {
            Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        }

        var seen = await admin.GetFromJsonAsync<OfficerSnapshot>($"/api/officers/{Run}-a", ApiJson.Options);
        Assert.Equal((true, -6.1701, 106.6402), (seen!.Online, seen.LastFix!.Value.Lat, seen.LastFix.Value.Lon));
    }

    [Fact]
    public async Task A_bad_row_names_its_line_and_field_and_nothing_of_the_import_is_stored()
    {
        using var admin = await api.ClientAsync("admin");
        var csv = "officer_id,name,agency,shift\n"
            + $"{Run}-ok,Good Row,DKP,pagi\n"
            + $"{Run}-x,Bad Agency,Dinas Rahasia,pagi\n"
            + $"{Run}-ok,Twice,DKP,pagi\n"
            + $"{Run}-y,Bad Shift,DKP,subuh\n";
        using var response = await admin.PostAsync("/api/admin/officers/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["line 3: agency", "line 4: officer_id", "line 5: shift"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains("line 2", errors["line 4: officer_id"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        using var lookup = await admin.GetAsync($"/api/officers/{Run}-ok");
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }

    [Fact]
    public async Task A_json_roster_reports_errors_by_index_and_a_device_held_by_another_officer_refuses_the_whole_import()
    {
        using var admin = await api.ClientAsync("admin");
        var bad = new { officers = new object[] { new { officerId = $"{Run}-j1", name = "J One", agency = "DKP" }, new { officerId = "no/slash", name = "", agency = "DKP" } } };
        using (var response = await admin.PostAsJsonAsync("/api/admin/officers/import", bad))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
            Assert.Equal(["officers[1].name", "officers[1].officerId"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        }

        // osmand-dishub-1 belongs to a demo officer the fixture put on the roster.
        var taken = $"officer_id,name,agency,device_ids\n{Run}-j2,J Two,DKP,\n{Run}-j3,J Three,Dishub,osmand-dishub-1\n";
        using (var response = await admin.PostAsync("/api/admin/officers/import", new StringContent(taken, Encoding.UTF8, "text/csv")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
            Assert.Equal("line 3: device_ids", Assert.Single(errors).Key);
        }

        foreach (var id in new[] { $"{Run}-j1", $"{Run}-j2", $"{Run}-j3" })
        {
            using var lookup = await admin.GetAsync($"/api/officers/{id}");
            Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
        }

        using var wrongType = await admin.PostAsync("/api/admin/officers/import", new StringContent("<roster/>", Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
    }

    [Fact]
    public async Task Revoked_or_replaced_credentials_are_refused_and_a_reimport_updates_an_officer_already_active()
    {
        using var admin = await api.ClientAsync("admin");
        var first = (await ImportAsync(admin, $"officer_id,name,agency\n{Run}-r,Rina,SatpolPP\n")).Officers.Single();
        var token = await ExchangeAsync(first.DeviceCredential!);
        using var phone = api.Silo.ClientWithToken(token.AccessToken);
        Assert.Equal("Rina", (await phone.GetFromJsonAsync<OfficerSnapshot>("/api/me", ApiJson.Options))!.Profile.Name);

        var second = (await ImportAsync(admin, $"officer_id,name,agency,team\n{Run}-r,Rina Marlina,SatpolPP,Karawaci\n")).Officers.Single();
        Assert.Equal(first.TrackingDeviceId, second.TrackingDeviceId);
        Assert.Equal(HttpStatusCode.Unauthorized, await ExchangeStatusAsync(first.DeviceCredential!));
        var renewed = await ExchangeAsync(second.DeviceCredential!);
        var me = await api.Silo.ClientWithToken(renewed.AccessToken).GetFromJsonAsync<OfficerSnapshot>("/api/me", ApiJson.Options);
        Assert.Equal(("Rina Marlina", "Karawaci"), (me!.Profile.Name, me.Profile.Team));

        using (var revoke = await admin.DeleteAsync($"/api/admin/officers/{Run}-r/credentials"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await ExchangeStatusAsync(second.DeviceCredential!));
        using var issue = await admin.PostAsync($"/api/admin/officers/{Run}-r/credentials", null);
        var issued = (await issue.Content.ReadFromJsonAsync<IssuedCredential>())!;
        Assert.Equal($"{Run}-r", (await ExchangeAsync(issued.DeviceCredential)).OfficerId);

        var forged = second.DeviceCredential![..^4] + "aaaa";
        Assert.Equal(HttpStatusCode.Unauthorized, await ExchangeStatusAsync(forged));
        using var garbage = await api.Silo.Http.PostAsJsonAsync("/api/auth/device-token", new { credential = "not-a-credential" });
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
    }

    private async Task<RosterImportResult> ImportAsync(HttpClient admin, string csv)
    {
        using var response = await admin.PostAsync("/api/admin/officers/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<RosterImportResult>())!;
    }

    private async Task<IssuedToken> ExchangeAsync(string credential)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/device-token");
        request.Headers.Authorization = new AuthenticationHeaderValue("Device", credential);
        using var response = await api.Silo.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<IssuedToken>())!;
    }

    private async Task<HttpStatusCode> ExchangeStatusAsync(string credential)
    {
        using var response = await api.Silo.Http.PostAsJsonAsync("/api/auth/device-token", new DeviceTokenRequest(credential));
        return response.StatusCode;
    }
}
