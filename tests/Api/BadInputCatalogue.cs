using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace TangerangLive.Tests.Api;

/// <summary>One bad request: who sends it, what it is, and the answer it must get.</summary>
public sealed record BadInput(
    string Name,
    string As,
    Func<BadInputContext, Task<HttpRequestMessage>> Build,
    HttpStatusCode Status,
    string? Field = null,
    bool IsReport = false,
    int StoredBefore = 0,
    Func<HttpClient, Task>? NothingStored = null);

/// <summary>What a case may use to build its request.</summary>
public sealed record BadInputContext(HttpClient Client, string IdempotencyKey);

/// <summary>The catalogue of bad input the API must answer with a ProblemDetails and without storing anything.</summary>
public static partial class BadInputCatalogue
{
    public const string NewCitizen = "new-citizen";
    public const string NoToken = "none";
    public const string Expired = "expired";
    public const string Forged = "forged";
    public const string Garbage = "garbage";
    public const string UnknownReport = "TL-22222222222Z";

    private const string Valid = """{"category":"traffic-jam","description":"Macet total di depan pasar","lat":-6.1844,"lon":106.652}""";

    public static IReadOnlyList<BadInput> All { get; } = [.. Handwritten(), .. Families()];

    private static IReadOnlyList<BadInput> Handwritten() =>
    [
        // Coordinates and place.
        Report("latitude 999", """{"category":"traffic-jam","description":"x","lat":999,"lon":106.652}""", "lat"),
        Report("latitude -91", """{"category":"traffic-jam","description":"x","lat":-91,"lon":106.652}""", "lat"),
        Report("longitude 181", """{"category":"traffic-jam","description":"x","lat":-6.18,"lon":181}""", "lon"),
        Report("latitude as the string NaN", """{"category":"traffic-jam","description":"x","lat":"NaN","lon":106.652}""", "lat"),
        Report("latitude as a NaN literal", """{"category":"traffic-jam","description":"x","lat":NaN,"lon":106.652}""", "lat"),
        Report("longitude as the string Infinity", """{"category":"traffic-jam","description":"x","lat":-6.18,"lon":"Infinity"}""", "lon"),
        Report("latitude overflowing to infinity", """{"category":"traffic-jam","description":"x","lat":1e400,"lon":106.652}""", "lat"),
        Report("latitude as text", """{"category":"traffic-jam","description":"x","lat":"south","lon":106.652}""", "lat"),
        Report("latitude missing", """{"category":"traffic-jam","description":"x","lon":106.652}""", "lat"),
        Report("point in Jakarta, outside the city", """{"category":"traffic-jam","description":"x","lat":-6.2,"lon":106.85}""", "location"),
        // Category and text.
        Report("unknown category", """{"category":"alien-landing","description":"x","lat":-6.1844,"lon":106.652}""", "category"),
        Report("category missing", """{"description":"x","lat":-6.1844,"lon":106.652}""", "category"),
        Report("empty description", """{"category":"traffic-jam","description":"  ","lat":-6.1844,"lon":106.652}""", "description"),
        Report("description of 4001 characters", Body(description: new string('a', 4001)), "description"),
        Report("huge description (1 MB)", Body(description: new string('a', 1_000_000)), "description"),
        Report("contact of 1000 characters", Body(contact: new string('0', 1000)), "contact"),
        // Malformed bodies.
        Report("malformed JSON (cut off after a field name)", """{"category":"traffic-jam","description":""", "description"),
        Report("malformed JSON (not JSON at all)", """category=traffic-jam&lat=1""", "body"),
        Report("JSON array instead of an object", """[1,2,3]""", "body"),
        Report("description as a number", """{"category":"traffic-jam","description":42,"lat":-6.1844,"lon":106.652}""", "description"),
        new("empty body", NewCitizen, c => Send(c, HttpMethod.Post, "/api/reports", new StringContent(string.Empty, Encoding.UTF8, "application/json"), c.IdempotencyKey), HttpStatusCode.BadRequest, IsReport: true),
        new("plain text body", NewCitizen, c => Send(c, HttpMethod.Post, "/api/reports", new StringContent(Valid, Encoding.UTF8, "text/plain"), c.IdempotencyKey), HttpStatusCode.UnsupportedMediaType, IsReport: true),
        // Photos.
        Report("four photos", Body(photos: [Png64(), Png64(), Png64(), Png64()]), "photos"),
        Report("photo that is text (base64)", Body(photos: [Convert.ToBase64String(TestImages.FakeJpeg())]), "photos[0]"),
        Report("photo that is not base64", Body(photos: ["%%% not base64 %%%"]), "photos[0]"),
        new("fake image: text renamed .jpg (multipart)", NewCitizen, c => Send(c, HttpMethod.Post, "/api/reports", Form(TestImages.FakeJpeg()), c.IdempotencyKey), HttpStatusCode.BadRequest, "photos[0]", IsReport: true),
        new("photo of 6 MB (multipart)", NewCitizen, c => Send(c, HttpMethod.Post, "/api/reports", Form(TestImages.Jpeg(6 * 1024 * 1024)), c.IdempotencyKey), HttpStatusCode.RequestEntityTooLarge, IsReport: true),
        new("latitude as text (multipart)", NewCitizen, c => Send(c, HttpMethod.Post, "/api/reports", Form(TestImages.Png(), lat: "abc"), c.IdempotencyKey), HttpStatusCode.BadRequest, "lat", IsReport: true),
        new("body of 22 MB", NewCitizen, c => ExpectContinue(Send(c, HttpMethod.Post, "/api/reports", Json(Body(description: new string('a', 22 * 1024 * 1024))), c.IdempotencyKey)), HttpStatusCode.RequestEntityTooLarge, IsReport: true),
        // Idempotency.
        new("idempotency key of 200 characters", NewCitizen, c => Send(c, HttpMethod.Post, "/api/reports", Json(Valid), new string('k', 200)), HttpStatusCode.BadRequest, "Idempotency-Key", IsReport: true),
        new("replayed idempotency key with a different body", NewCitizen, ReplayWithDifferentBody, HttpStatusCode.Conflict, IsReport: true, StoredBefore: 1),
        // Who is asking.
        new("no token", NoToken, c => Send(c, HttpMethod.Post, "/api/reports", Json(Valid), c.IdempotencyKey), HttpStatusCode.Unauthorized),
        new("expired token", Expired, c => Send(c, HttpMethod.Get, "/api/ops/reports"), HttpStatusCode.Unauthorized),
        new("forged token (another key)", Forged, c => Send(c, HttpMethod.Get, "/api/ops/reports"), HttpStatusCode.Unauthorized),
        new("garbage token", Garbage, c => Send(c, HttpMethod.Get, "/api/ops/reports"), HttpStatusCode.Unauthorized),
        new("citizen reads the operators' queue", "citizen", c => Send(c, HttpMethod.Get, "/api/ops/reports"), HttpStatusCode.Forbidden),
        new("officer cancels a report", ApiSiloFixture.Officer1, c => Send(c, HttpMethod.Post, $"/api/ops/reports/{UnknownReport}/cancel", Json("""{"reason":"x"}""")), HttpStatusCode.Forbidden),
        new("viewer overrides a report", "viewer", c => Send(c, HttpMethod.Post, $"/api/ops/reports/{UnknownReport}/cancel", Json("""{"reason":"x"}""")), HttpStatusCode.Forbidden),
        new("operator edits the roster", "operator", c => Send(c, HttpMethod.Put, "/api/admin/officers/x1", Json("""{"name":"X","agency":"Dishub"}""")), HttpStatusCode.Forbidden),
        new("citizen opens the dashboard", "citizen", c => Send(c, HttpMethod.Get, "/dashboard"), HttpStatusCode.Forbidden),
        new("officer reads another officer", ApiSiloFixture.Officer1, c => Send(c, HttpMethod.Get, $"/api/officers/{ApiSiloFixture.Officer2}"), HttpStatusCode.Forbidden),
        new("officer reports another officer's position", ApiSiloFixture.Officer1, c => Send(c, HttpMethod.Post, "/api/me/heartbeat",
            Json($$"""{"officerId":"{{ApiSiloFixture.Officer2}}","lat":-6.18,"lon":106.65,"deviceTime":"{{DateTimeOffset.UtcNow:O}}"}""")), HttpStatusCode.Forbidden),
        new("officer files a citizen report", ApiSiloFixture.Officer1, c => Send(c, HttpMethod.Post, "/api/reports", Json(Valid)), HttpStatusCode.Forbidden),
        new("officer acknowledges an unknown report", ApiSiloFixture.Officer1, c => Send(c, HttpMethod.Post, $"/api/me/assignments/{UnknownReport}/acknowledge"), HttpStatusCode.NotFound),
        new("resolve without a proof photo", ApiSiloFixture.Officer1, c => Send(c, HttpMethod.Post, $"/api/me/assignments/{UnknownReport}/resolve",
            new MultipartFormDataContent { { new StringContent("done"), "note" } }), HttpStatusCode.BadRequest, "photo"),
        new("heartbeat batch of 101 positions", ApiSiloFixture.Officer1, c => Send(c, HttpMethod.Post, "/api/me/heartbeats",
            Json("{\"positions\":[" + string.Join(',', Enumerable.Repeat($$"""{"lat":-6.18,"lon":106.65,"deviceTime":"{{DateTimeOffset.UtcNow:O}}"}""", 101)) + "]}")), HttpStatusCode.BadRequest, "positions"),
        new("OsmAnd latitude 95", NoToken, c => Send(c, HttpMethod.Get, "/osmand?id=osmand-dishub-1&lat=95&lon=106.65"), HttpStatusCode.BadRequest, "lat"),
        new("register a taken username", NoToken, c => Send(c, HttpMethod.Post, "/api/auth/register", Json("""{"username":"admin","password":"long-enough-password"}""")), HttpStatusCode.Conflict),
        new("citizen uses the officer app", "citizen", c => Send(c, HttpMethod.Post, "/api/me/shift/start"), HttpStatusCode.Forbidden),
        // Unknown ids.
        new("unknown report id", "operator", c => Send(c, HttpMethod.Get, $"/api/reports/{UnknownReport}"), HttpStatusCode.NotFound),
        new("malformed report id", "operator", c => Send(c, HttpMethod.Get, "/api/ops/reports/not-a-report"), HttpStatusCode.NotFound),
        new("duplicate of an unknown original", "operator", c => Send(c, HttpMethod.Post, $"/api/ops/reports/{UnknownReport}/duplicate",
            Json($$"""{"originalId":"TL-33333333333Z","reason":"same pothole"}""")), HttpStatusCode.NotFound),
        new("unknown tracking device", NoToken, c => Send(c, HttpMethod.Get, "/osmand?id=nobody-s-phone&lat=-6.18&lon=106.65"), HttpStatusCode.NotFound),
        // Other fields.
        new("queue page size 500", "operator", c => Send(c, HttpMethod.Get, "/api/ops/reports?pageSize=500"), HttpStatusCode.BadRequest, "pageSize"),
        new("queue status that does not exist", "operator", c => Send(c, HttpMethod.Get, "/api/ops/reports?status=Sleeping"), HttpStatusCode.BadRequest, "status"),
        new("priority change without a reason", "operator", c => Send(c, HttpMethod.Post, $"/api/ops/reports/{UnknownReport}/priority", Json("""{"priority":9}""")), HttpStatusCode.BadRequest, "reason"),
        new("priority 9", "operator", c => Send(c, HttpMethod.Post, $"/api/ops/reports/{UnknownReport}/priority", Json("""{"priority":9,"reason":"x"}""")), HttpStatusCode.BadRequest, "priority"),
        new("heartbeat latitude 999", ApiSiloFixture.Officer1, c => Send(c, HttpMethod.Post, "/api/me/heartbeat",
            Json($$"""{"lat":999,"lon":106.65,"deviceTime":"{{DateTimeOffset.UtcNow:O}}"}""")), HttpStatusCode.BadRequest, "lat"),
        new("heartbeat from the future", ApiSiloFixture.Officer1, c => Send(c, HttpMethod.Post, "/api/me/heartbeat",
            Json($$"""{"lat":-6.18,"lon":106.65,"deviceTime":"{{DateTimeOffset.UtcNow.AddHours(3):O}}"}""")), HttpStatusCode.BadRequest, "deviceTime"),
        new("batched heartbeat with one bad battery", ApiSiloFixture.Officer1, c => Send(c, HttpMethod.Post, "/api/me/heartbeats",
            Json($$"""{"positions":[{"lat":-6.18,"lon":106.65,"deviceTime":"{{DateTimeOffset.UtcNow:O}}","battery":140}]}""")), HttpStatusCode.BadRequest, "positions[0].battery"),
        new("OsmAnd latitude as text", NoToken, c => Send(c, HttpMethod.Get, "/osmand?id=osmand-dishub-1&lat=abc&lon=106.65"), HttpStatusCode.BadRequest, "lat"),
        new("OsmAnd timestamp as text", NoToken, c => Send(c, HttpMethod.Get, "/osmand?id=osmand-dishub-1&lat=-6.18&lon=106.65&timestamp=yesterday"), HttpStatusCode.BadRequest, "timestamp"),
        new("register with a short password", NoToken, c => Send(c, HttpMethod.Post, "/api/auth/register", Json("""{"username":"shorty","password":"123"}""")), HttpStatusCode.BadRequest, "password"),
        new("sign in with a wrong password", NoToken, c => Send(c, HttpMethod.Post, "/api/auth/token", Json("""{"username":"admin","password":"wrong-password"}""")), HttpStatusCode.Unauthorized),
        new("roster entry with an unknown agency", "admin", c => Send(c, HttpMethod.Put, "/api/admin/officers/x2", Json("""{"name":"X","agency":"NASA"}""")), HttpStatusCode.BadRequest, "agency"),
        new("roster entry with a bad officer id", "admin", c => Send(c, HttpMethod.Put, "/api/admin/officers/bad%20id%21", Json("""{"name":"X","agency":"Dishub"}""")), HttpStatusCode.BadRequest, "officerId"),
    ];

    public static BadInput Get(string name) => All.Single(c => c.Name == name);

    public static string Body(string description = "Macet total", string? contact = null, IReadOnlyList<string>? photos = null) =>
        JsonSerializer.Serialize(new { category = "traffic-jam", description, lat = -6.1844, lon = 106.652, contact, photos });

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public static MultipartFormDataContent Form(byte[] photo, string lat = "-6.1844", string description = "Lampu mati")
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("street-light"), "category" },
            { new StringContent(description), "description" },
            { new StringContent(lat), "lat" },
            { new StringContent("106.652"), "lon" },
        };
        var file = new ByteArrayContent(photo);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "photos", "photo.jpg");
        return form;
    }

    private static BadInput Report(string name, string body, string field) =>
        new(name, NewCitizen, c => Send(c, HttpMethod.Post, "/api/reports", Json(body), c.IdempotencyKey), HttpStatusCode.BadRequest, field, IsReport: true);

    private static string Png64() => Convert.ToBase64String(TestImages.Png());

    private static Task<HttpRequestMessage> Send(BadInputContext context, HttpMethod method, string url, HttpContent? content = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return Task.FromResult(request);
    }

    /// <summary>Asks the server before sending the body, so a 413 arrives before the client writes 22 MB into a closed connection.</summary>
    private static async Task<HttpRequestMessage> ExpectContinue(Task<HttpRequestMessage> request)
    {
        var message = await request;
        message.Headers.ExpectContinue = true;
        return message;
    }

    private static async Task<HttpRequestMessage> ReplayWithDifferentBody(BadInputContext context)
    {
        using (var first = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = Json(Valid) })
        {
            first.Headers.Add("Idempotency-Key", context.IdempotencyKey);
            using var created = await context.Client.SendAsync(first);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        return await Send(context, HttpMethod.Post, "/api/reports", Json(Valid.Replace("Macet total", "Banjir", StringComparison.Ordinal)), context.IdempotencyKey);
    }
}
