using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TangerangLive.Grains.Officers;

namespace TangerangLive.Tests.Api;

/// <summary>Bad-input families for the operators', admins' and officers' endpoints, and how each shows nothing was stored.</summary>
public static partial class BadInputCatalogue
{
    private static IEnumerable<BadInput> OverrideFamily()
    {
        var report = $"/api/ops/reports/{UnknownReport}";
        foreach (var (name, escape) in PoisonSample)
        {
            var reason = $"\"Salah{escape}alamat\"";
            foreach (var (path, body, field) in new[]
            {
                ("unassign", $"{{\"reason\":{reason}}}", "reason"), ("cancel", $"{{\"reason\":{reason}}}", "reason"),
                ("redispatch", $"{{\"reason\":{reason}}}", "reason"), ("priority", $"{{\"priority\":2,\"reason\":{reason}}}", "reason"),
                ("category", $"{{\"category\":\"flood\",\"reason\":{reason}}}", "reason"),
                ("duplicate", $"{{\"originalId\":\"TL-33333333333Z\",\"reason\":{reason}}}", "reason"),
                ("assign", $"{{\"officerId\":\"{ApiSiloFixture.Officer1}\",\"reason\":{reason}}}", "reason"), ("notes", $"{{\"note\":{reason}}}", "note"),
            })
            {
                yield return Override($"override {path} {field} with {name}", c => Send(c, HttpMethod.Post, $"{report}/{path}", Json(body)), field);
            }

            foreach (var path in new[] { "categories/traffic-jam/pause", "categories/traffic-jam/resume", "zones/XX/pause", "zones/XX/resume" })
            {
                yield return new($"dispatch {path} reason with {name}", "operator", c => Send(c, HttpMethod.Post, $"/api/ops/dispatch/{path}", Json($"{{\"reason\":{reason}}}")),
                    HttpStatusCode.BadRequest, "reason", NothingStored: TrafficJamDispatchUntouchedAsync);
            }
        }

        yield return Override("override category with a NUL in the code", c => Send(c, HttpMethod.Post, $"{report}/category", Json("{\"category\":\"flo\\u0000od\",\"reason\":\"x\"}")), "category");
        foreach (var priority in new[] { "0", "5", "-1", "2147483648", "\"high\"", "1.5" })
        {
            yield return Override($"override priority {priority}", c => Send(c, HttpMethod.Post, $"{report}/priority", Json($"{{\"priority\":{priority},\"reason\":\"x\"}}")), "priority");
        }
    }

    private static IEnumerable<BadInput> RosterFamily()
    {
        var n = 0;
        foreach (var (name, escape) in PoisonSample)
        {
            foreach (var field in new[] { "name", "agency", "team", "shift", "deviceIds[0]" })
            {
                var id = $"bad-roster-{++n}";
                var body = field == "deviceIds[0]"
                    ? $"{{\"name\":\"X\",\"agency\":\"Dishub\",\"deviceIds\":[\"dev{escape}1\"]}}"
                    : RosterJson(field, $"\"X{escape}Y\"");
                yield return Roster($"roster {field} with {name}", id, body, field);
            }
        }

        foreach (var (name, body, field) in new[]
        {
            ("six device ids", "{\"name\":\"X\",\"agency\":\"Dishub\",\"deviceIds\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"]}", "deviceIds"),
            ("an empty device id", "{\"name\":\"X\",\"agency\":\"Dishub\",\"deviceIds\":[\" \"]}", "deviceIds"),
            ("team of 65 characters", RosterJson("team", $"\"{new string('t', 65)}\""), "team"),
            ("shift of 33 characters", RosterJson("shift", $"\"{new string('s', 33)}\""), "shift"),
            ("active as text", RosterJson("active", "\"yes\""), "active"),
            ("name of 121 characters", RosterJson("name", $"\"{new string('n', 121)}\""), "name"),
        })
        {
            yield return Roster($"roster with {name}", $"bad-roster-{++n}", body, field);
        }

        foreach (var (name, path) in new[] { ("a slash", "a%2Fb"), ("dot dot slash", "a%2F..%2Fb"), ("a backslash", "a%5Cb"), ("a space", "a%20b"), ("a question mark", "a%3Fb"), ("65 characters", new string('o', 65)) })
        {
            yield return new($"roster officer id with {name}", "admin", c => Send(c, HttpMethod.Put, $"/api/admin/officers/{path}", Json("{\"name\":\"X\",\"agency\":\"Dishub\"}")),
                HttpStatusCode.BadRequest, "officerId");
        }
    }

    private static IEnumerable<BadInput> AccountFamily()
    {
        var n = 0;
        foreach (var (name, body, field) in new[]
        {
            ("username with NUL", "{\"username\":\"bad\\u0000user\",\"password\":\"long-enough-password\",\"role\":\"viewer\"}", "username"),
            ("password with NUL", "{\"username\":\"{user}\",\"password\":\"long-enough\\u0000password\",\"role\":\"viewer\"}", "password"),
            ("password with a lone surrogate", "{\"username\":\"{user}\",\"password\":\"long-enough\\ud800password\",\"role\":\"viewer\"}", "password"),
            ("role superuser", "{\"username\":\"{user}\",\"password\":\"long-enough-password\",\"role\":\"superuser\"}", "role"),
            ("role with NUL", "{\"username\":\"{user}\",\"password\":\"long-enough-password\",\"role\":\"admin\\u0000\"}", "role"),
            ("officer id with NUL", "{\"username\":\"{user}\",\"password\":\"long-enough-password\",\"role\":\"officer\",\"officerId\":\"o\\u0000\"}", "officerId"),
        })
        {
            var user = $"bad-account-{++n}";
            yield return new($"create account {name}", "admin", c => Send(c, HttpMethod.Post, "/api/admin/users", Json(body.Replace("{user}", user, StringComparison.Ordinal))),
                HttpStatusCode.BadRequest, field, NothingStored: admin => NoSuchAccountAsync(admin, user));
        }

        foreach (var (name, password) in new[] { ("NUL", "long-enough\\u0000pw"), ("ESC", "long-enough\\u001bpw"), ("a lone surrogate", "long-enough\\udfffpw") })
        {
            var user = $"bad-register-{++n}";
            yield return new($"register with a password with {name}", NoToken, c => Send(c, HttpMethod.Post, "/api/auth/register", Json($"{{\"username\":\"{user}\",\"password\":\"{password}\"}}")),
                HttpStatusCode.BadRequest, "password", NothingStored: admin => NoSuchAccountAsync(admin, user));
        }

        foreach (var (name, username) in new[] { ("NUL", "bad\\u0000name"), ("65 characters", new string('u', 65)), ("a slash", "a/b") })
        {
            yield return new($"register a username with {name}", NoToken, c => Send(c, HttpMethod.Post, "/api/auth/register", Json($"{{\"username\":\"{username}\",\"password\":\"long-enough-password\"}}")),
                HttpStatusCode.BadRequest, "username");
        }

        foreach (var (name, body, field) in new[]
        {
            ("username with NUL", "{\"username\":\"adm\\u0000in\",\"password\":\"x\"}", "username"),
            ("password with NUL", "{\"username\":\"admin\",\"password\":\"p\\u0000w\"}", "password"),
            ("username with a lone surrogate", "{\"username\":\"adm\\ud800in\",\"password\":\"x\"}", "username"),
        })
        {
            yield return new($"sign in with a {name}", NoToken, c => Send(c, HttpMethod.Post, "/api/auth/token", Json(body)), HttpStatusCode.BadRequest, field);
        }
    }

    private static IEnumerable<BadInput> FieldStepFamily()
    {
        foreach (var (name, escape) in PoisonSample)
        {
            yield return Override($"refuse reason with {name}", c => Send(c, HttpMethod.Post, $"/api/me/assignments/{UnknownReport}/refuse", Json($"{{\"reason\":\"jauh{escape}sekali\"}}")),
                "reason", ApiSiloFixture.Officer1);
        }

        foreach (var (name, note) in new[] { ("NUL", "selesai\0"), ("ESC", "selesai\u001b"), ("DEL", "selesai\u007f") })
        {
            yield return Override($"resolve note with {name}", c =>
            {
                var form = new MultipartFormDataContent { { new StringContent(note), "note" } };
                var photo = new ByteArrayContent(TestImages.Png());
                photo.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
                form.Add(photo, "photo", "proof.png");
                return Send(c, HttpMethod.Post, $"/api/me/assignments/{UnknownReport}/resolve", form);
            }, "note", ApiSiloFixture.Officer1);
        }
    }

    private static IEnumerable<BadInput> ContentTypeAndSizeFamily()
    {
        foreach (var type in new[] { "application/xml", "text/csv", "application/octet-stream", "image/jpeg" })
        {
            yield return new($"report sent as {type}", NewCitizen, c => Send(c, HttpMethod.Post, "/api/reports", new StringContent(Valid, Encoding.UTF8, type), c.IdempotencyKey),
                HttpStatusCode.UnsupportedMediaType, IsReport: true);
        }

        foreach (var (name, who, method, url) in new[]
        {
            ("heartbeat", ApiSiloFixture.Officer1, HttpMethod.Post, "/api/me/heartbeat"), ("roster entry", "admin", HttpMethod.Put, "/api/admin/officers/bad-type-1"),
            ("override", "operator", HttpMethod.Post, $"/api/ops/reports/{UnknownReport}/cancel"), ("token request", NoToken, HttpMethod.Post, "/api/auth/token"),
            ("registration", NoToken, HttpMethod.Post, "/api/auth/register"), ("account", "admin", HttpMethod.Post, "/api/admin/users"),
        })
        {
            yield return new($"{name} sent as text/plain", who, c => Send(c, method, url, new StringContent("{}", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType);
        }

        foreach (var (name, who, method, url, bytes) in new[]
        {
            ("heartbeat of 70 KB", ApiSiloFixture.Officer1, HttpMethod.Post, "/api/me/heartbeat", 70 * 1024),
            ("heartbeat batch of 1.1 MB", ApiSiloFixture.Officer1, HttpMethod.Post, "/api/me/heartbeats", 1100 * 1024),
            ("note of 70 KB", "operator", HttpMethod.Post, $"/api/ops/reports/{UnknownReport}/notes", 70 * 1024),
            ("roster entry of 70 KB", "admin", HttpMethod.Put, "/api/admin/officers/bad-size-1", 70 * 1024),
            ("account of 20 KB", "admin", HttpMethod.Post, "/api/admin/users", 20 * 1024),
            ("dispatch pause of 20 KB", "operator", HttpMethod.Post, "/api/ops/dispatch/categories/traffic-jam/pause", 20 * 1024),
        })
        {
            yield return new($"{name}", who, c => ExpectContinue(Send(c, method, url, Json($"{{\"note\":\"{new string('x', bytes)}\"}}"))), HttpStatusCode.RequestEntityTooLarge);
        }

        yield return new("OsmAnd form post of 20 KB", NoToken, c => ExpectContinue(Send(c, HttpMethod.Post, "/osmand",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = "osmand-dishub-1", ["note"] = new string('x', 20 * 1024) }))), HttpStatusCode.RequestEntityTooLarge);
    }

    private static IEnumerable<BadInput> QueryAndIdFamily()
    {
        foreach (var (name, query, field) in new[]
        {
            ("status as a number", "status=1", "status"), ("status with a digit for a letter", "status=Rece1ved", "status"), ("status list", "status=Received,Offered", "status"), ("status as a flags sum", "status=Received%2C%20Escalated", "status"),
            ("status -1", "status=-1", "status"), ("status in full-width letters", "status=%EF%BC%B2eceived", "status"), ("unknown agency", "agency=NASA", "agency"),
            ("unknown category", "category=alien-landing", "category"), ("unknown zone", "zone=..%2F..%2Fetc", "zone"), ("agency with NUL", "agency=Dis%00hub", "agency"),
            ("page 0", "page=0", "page"), ("page size 0", "pageSize=0", "pageSize"), ("from after to", "from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to"),
        })
        {
            yield return new($"queue with {name}", "operator", c => Send(c, HttpMethod.Get, "/api/ops/reports?" + query), HttpStatusCode.BadRequest, field);
        }

        foreach (var (name, who, method, url, status) in new[]
        {
            ("report id with dot-dot-slash", "operator", HttpMethod.Get, "/api/reports/..%2F..%2Fetc%2Fpasswd", HttpStatusCode.NotFound),
            ("ops report id with a slash", "operator", HttpMethod.Get, "/api/ops/reports/TL-2222222222%2F2", HttpStatusCode.NotFound),
            ("recommendations of a report id with a slash", "operator", HttpMethod.Get, "/api/ops/reports/TL-..%2F..%2F..%2Fx/recommendations", HttpStatusCode.NotFound),
            ("photo name with dot-dot-slash", "operator", HttpMethod.Get, "/api/photos/..%2F..%2Fetc%2Fpasswd", HttpStatusCode.NotFound),
            ("photo name as an absolute path", "operator", HttpMethod.Get, "/api/photos/%2Fetc%2Fpasswd", HttpStatusCode.NotFound),
            ("officer id with dot-dot-slash", "operator", HttpMethod.Get, $"/api/officers/..%2F{ApiSiloFixture.Officer2}", HttpStatusCode.NotFound),
            ("officer id with a pipe", "operator", HttpMethod.Get, "/api/officers/a%7Cb", HttpStatusCode.NotFound),
            ("acknowledge a report id with dot-dot-slash", ApiSiloFixture.Officer1, HttpMethod.Post, $"/api/me/assignments/..%2F{UnknownReport}/acknowledge", HttpStatusCode.NotFound),
            ("deactivate an officer id with a slash", "admin", HttpMethod.Delete, "/api/admin/officers/a%2Fb", HttpStatusCode.NotFound),
            ("dispatch zone code with dot-dot-slash", "operator", HttpMethod.Get, "/api/ops/dispatch/zones/..%2F..%2Fx", HttpStatusCode.NotFound),
        })
        {
            yield return new($"{name}", who, c => Send(c, method, url), status);
        }

        foreach (var (name, url, field) in new[]
        {
            ("recap of 9999-12", "/api/attendance/recap/9999-12", "month"), ("recap CSV of 9999-12", "/api/attendance/recap/9999-12/csv", "month"),
            ("recap of 0000-01", "/api/attendance/recap/0000-01", "month"), ("recap of month 13", "/api/attendance/recap/2026-13", "month"),
            ("day 9999-12-31", "/api/attendance/days/9999-12-31", "day"), ("recap with an agency holding CR LF", "/api/attendance/recap/2026-11/csv?agency=Dishub%0D%0AX-Evil:%201", "agency"),
            ("days with an agency holding NUL", "/api/attendance/days/2026-11-02?agency=Dis%00hub", "agency"), ("verification from the year 9999", "/api/attendance/verify?from=9999-01-01", "from"),
            ("verification of an officer id with NUL", "/api/attendance/verify?officer=o%00x", "officer"),
            ("an officer's day with dot-dot-slash in the id", "/api/attendance/officers/..%2Fx/days/2026-11-02", "officerId"),
        })
        {
            yield return new($"attendance {name}", "supervisor", c => Send(c, HttpMethod.Get, url), HttpStatusCode.BadRequest, field);
        }
    }

    /// <summary>A position case: besides its answer, Officer 1's last fix is not from this request.</summary>
    private static BadInput Tracking(string name, string who, Func<BadInputContext, Task<HttpRequestMessage>> build, string field) =>
        new(name, who, build, HttpStatusCode.BadRequest, field, NothingStored: OfficerOneHasNoFixAsync);

    private static BadInput Override(string name, Func<BadInputContext, Task<HttpRequestMessage>> build, string field, string who = "operator") =>
        new(name, who, build, HttpStatusCode.BadRequest, field, NothingStored: UnknownReportStillUnknownAsync);

    private static BadInput Roster(string name, string officerId, string body, string field) =>
        new(name, "admin", c => Send(c, HttpMethod.Put, $"/api/admin/officers/{officerId}", Json(body)), HttpStatusCode.BadRequest, field,
            NothingStored: async admin =>
            {
                using var officer = await admin.GetAsync($"/api/officers/{officerId}");
                Assert.Equal(HttpStatusCode.NotFound, officer.StatusCode);
            });

    /// <summary>No case of the catalogue sends a valid position, so Officer 1 never has one.</summary>
    private static async Task OfficerOneHasNoFixAsync(HttpClient admin)
    {
        var officer = await admin.GetFromJsonAsync<OfficerSnapshot>($"/api/officers/{ApiSiloFixture.Officer1}", Infrastructure.ApiJson.Options);
        Assert.Null(officer!.LastFix);
    }

    private static async Task UnknownReportStillUnknownAsync(HttpClient admin)
    {
        using var report = await admin.GetAsync($"/api/ops/reports/{UnknownReport}");
        Assert.Equal(HttpStatusCode.NotFound, report.StatusCode);
    }

    private static async Task TrafficJamDispatchUntouchedAsync(HttpClient admin)
    {
        using var control = JsonDocument.Parse(await admin.GetStringAsync("/api/ops/dispatch/categories/traffic-jam"));
        Assert.False(control.RootElement.GetProperty("paused").GetBoolean());
        Assert.Equal(JsonValueKind.Null, control.RootElement.GetProperty("reason").ValueKind);
    }

    private static async Task NoSuchAccountAsync(HttpClient admin, string username)
    {
        using var token = await admin.PostAsJsonAsync("/api/auth/token", new { username, password = "long-enough-password" });
        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
    }
}
