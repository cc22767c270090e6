using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TangerangLive.Grains.Officers;

namespace TangerangLive.Tests.Api;

/// <summary>
/// Families of bad input generated from data: each is one real, distinct request per value and endpoint
/// (control characters, lone surrogates, extreme numbers and times, duplicate keys, deep nesting, wrong
/// content types, oversize bodies, unknown enum values, ids with path characters).
/// </summary>
public static partial class BadInputCatalogue
{
    /// <summary>JSON escapes of characters no text field may hold (tab, line feed and carriage return are allowed in multi-line text).</summary>
    private static (string Name, string Escape)[] ControlCharacters =>
    [
        ("NUL", "\\u0000"), ("SOH", "\\u0001"), ("BEL", "\\u0007"), ("backspace", "\\u0008"), ("vertical tab", "\\u000b"),
        ("form feed", "\\u000c"), ("ESC", "\\u001b"), ("DEL", "\\u007f"), ("NEL (C1)", "\\u0085"), ("APC (C1)", "\\u009f"),
    ];

    /// <summary>JSON escapes of unpaired UTF-16 surrogates.</summary>
    private static (string Name, string Escape)[] LoneSurrogates =>
    [
        ("lone high surrogate D800", "\\ud800"), ("lone high surrogate DBFF", "\\udbff"), ("lone low surrogate DC00", "\\udc00"),
        ("lone low surrogate DFFF", "\\udfff"), ("reversed surrogate pair", "\\udc00\\ud800"),
    ];

    /// <summary>A few of each kind, for endpoints where every value would add little.</summary>
    private static (string Name, string Escape)[] PoisonSample => [("NUL", "\\u0000"), ("ESC", "\\u001b"), ("lone surrogate", "\\ud800")];

    private static IEnumerable<BadInput> Families() =>
    [
        .. ReportTextFamily(),
        .. ReportNumberFamily(),
        .. ReportShapeFamily(),
        .. HeartbeatFamily(),
        .. OsmAndFamily(),
        .. OverrideFamily(),
        .. RosterFamily(),
        .. AccountFamily(),
        .. FieldStepFamily(),
        .. ContentTypeAndSizeFamily(),
        .. QueryAndIdFamily(),
    ];

    private static IEnumerable<BadInput> ReportTextFamily()
    {
        foreach (var field in new[] { "description", "contact", "category" })
        {
            foreach (var (name, escape) in ControlCharacters.Concat(LoneSurrogates))
            {
                yield return Report($"report {field} with {name}", ReportJson(field, $"\"Jalan{escape}rusak\""), field);
            }
        }

        foreach (var (name, text) in new[] { ("NUL", "a\0b"), ("ESC", "a\u001bb"), ("DEL", "a\u007fb"), ("NEL", "a\u0085b") })
        {
            yield return new($"multipart report description with {name}", NewCitizen, c => Send(c, HttpMethod.Post, "/api/reports", Form(TestImages.Png(), description: text), c.IdempotencyKey),
                HttpStatusCode.BadRequest, "description", IsReport: true);
        }
    }

    private static IEnumerable<BadInput> ReportNumberFamily()
    {
        foreach (var (field, value) in new[]
        {
            ("lat", "1e308"), ("lat", "-1e308"), ("lat", "90.0000001"), ("lat", "\"-6.18\""), ("lat", "true"), ("lat", "null"), ("lat", "[]"), ("lat", "{}"),
            ("lon", "180.0001"), ("lon", "-181"), ("lon", "1e400"), ("lon", "\"NaN\""), ("lon", "\"-Infinity\""), ("lon", "false"), ("lon", "0x6A"),
        })
        {
            yield return Report($"report {field} = {value}", ReportJson(field, value), field);
        }
    }

    private static IEnumerable<BadInput> ReportShapeFamily()
    {
        yield return Report("report photos as a string", ReportJson("photos", "\"abc\""), "photos");
        yield return Report("report photos with a number", ReportJson("photos", "[123]"), "photos[0]");
        yield return Report("report category as an array", ReportJson("category", "[\"traffic-jam\"]"), "category");
        yield return Report("report description as an object", ReportJson("description", "{\"text\":\"x\"}"), "description");
        yield return Report("report contact as a number", ReportJson("contact", "62812"), "contact");
        foreach (var field in new[] { "category", "description", "lat", "lon", "contact" })
        {
            var body = ReportJson("contact", "\"0812\"");
            var again = field is "lat" or "lon" ? "-6.2" : "\"again\"";
            yield return Report($"report with a duplicate {field} key", body[..^1] + $",\"{field}\":{again}}}", field);
        }

        yield return Report("report photos nested 200 deep", ReportJson("photos", new string('[', 200) + new string(']', 200)), "photos[0]");
        yield return Report("report lon with a decimal comma (malformed JSON)", ReportJson("lon", "106,652"), "body");
        yield return Report("body nested 1000 deep", new string('[', 1000) + new string(']', 1000), "body");
    }

    private static IEnumerable<BadInput> HeartbeatFamily()
    {
        var now = "\"" + DateTimeOffset.UtcNow.ToString("O") + "\"";
        foreach (var (field, value) in new[]
        {
            ("lat", "1e308"), ("lon", "-1e308"), ("lat", "\"NaN\""), ("lon", "1e400"), ("accuracy", "-1"), ("accuracy", "1e9"), ("speed", "-5"),
            ("speed", "1e6"), ("speed", "\"Infinity\""), ("battery", "-1"), ("battery", "101"), ("battery", "1e400"),
            ("deviceTime", "\"9999-12-31T23:59:59Z\""), ("deviceTime", "\"0001-01-01T00:00:00Z\""), ("deviceTime", "\"2026-13-45T00:00:00Z\""),
            ("deviceTime", "\"now\""), ("deviceTime", "1234567890"), ("deviceTime", "\"\""), ("deviceTime", "null"),
        })
        {
            var body = HeartbeatJson(now, field, value);
            yield return Tracking($"heartbeat {field} = {value}", ApiSiloFixture.Officer1, c => Send(c, HttpMethod.Post, "/api/me/heartbeat", Json(body)), field);
        }

        foreach (var ahead in new[] { TimeSpan.FromSeconds(61), TimeSpan.FromMinutes(10), TimeSpan.FromDays(1) })
        {
            yield return Tracking($"heartbeat {ahead.TotalSeconds:0} s in the future", ApiSiloFixture.Officer1,
                c => Send(c, HttpMethod.Post, "/api/me/heartbeat", Json(HeartbeatJson("\"" + DateTimeOffset.UtcNow.Add(ahead).ToString("O") + "\""))), "deviceTime");
        }

        yield return Tracking("heartbeat two days old", ApiSiloFixture.Officer1,
            c => Send(c, HttpMethod.Post, "/api/me/heartbeat", Json(HeartbeatJson("\"" + DateTimeOffset.UtcNow.AddDays(-2).ToString("O") + "\""))), "deviceTime");
        foreach (var (name, positions, field) in new[]
        {
            ("empty", "[]", "positions"), ("null", "null", "positions"), ("a string", "\"x\"", "positions"),
            ("nested 100 deep", new string('[', 100) + new string(']', 100), "positions[0]"),
            ("second position at latitude 999", $"[{HeartbeatJson(now)},{HeartbeatJson(now, "lat", "999")}]", "positions[1].lat"),
            ("second position an hour ahead", $"[{HeartbeatJson(now)},{HeartbeatJson("\"" + DateTimeOffset.UtcNow.AddHours(1).ToString("O") + "\"")}]", "positions[1].deviceTime"),
        })
        {
            yield return Tracking($"heartbeat batch positions {name}", ApiSiloFixture.Officer1, c => Send(c, HttpMethod.Post, "/api/me/heartbeats", Json($"{{\"positions\":{positions}}}")), field);
        }
    }

    private static IEnumerable<BadInput> OsmAndFamily()
    {
        const string Ok = "id=osmand-dishub-1&lat=-6.18&lon=106.65";
        foreach (var (name, query, field) in new[]
        {
            ("id with NUL", "id=%00abc&lat=-6.18&lon=106.65", "id"), ("id with ESC", "id=a%1Bb&lat=-6.18&lon=106.65", "id"),
            ("id with DEL", "id=a%7Fb&lat=-6.18&lon=106.65", "id"), ("id with NEL", "id=a%C2%85b&lat=-6.18&lon=106.65", "id"),
            ("id of 65 characters", $"id={new string('d', 65)}&lat=-6.18&lon=106.65", "id"), ("id empty", "id=&lat=-6.18&lon=106.65", "id"),
            ("without an id", "lat=-6.18&lon=106.65", "id"), ("deviceid with NUL", "deviceid=x%00&lat=-6.18&lon=106.65", "id"),
            ("lat NaN", "id=osmand-dishub-1&lat=NaN&lon=106.65", "lat"), ("lat Infinity", "id=osmand-dishub-1&lat=Infinity&lon=106.65", "lat"),
            ("lat 1e400", "id=osmand-dishub-1&lat=1e400&lon=106.65", "lat"), ("lat 91", "id=osmand-dishub-1&lat=91&lon=106.65", "lat"),
            ("lon -181", "id=osmand-dishub-1&lat=-6.18&lon=-181", "lon"), ("lat in hex", "id=osmand-dishub-1&lat=0x10&lon=106.65", "lat"),
            ("lat with a decimal comma", "id=osmand-dishub-1&lat=-6%2C18&lon=106.65", "lat"), ("lat given twice", "id=osmand-dishub-1&lat=-6.18&lat=-6.19&lon=106.65", "lat"),
            ("speed -1 knot", Ok + "&speed=-1", "speed"), ("speed 1e6 knots", Ok + "&speed=1e6", "speed"), ("batt 101", Ok + "&batt=101", "batt"),
            ("batt -1", Ok + "&batt=-1", "batt"), ("accuracy -1", Ok + "&accuracy=-1", "accuracy"), ("bearing NaN", Ok + "&bearing=NaN", "bearing"),
            ("altitude Infinity", Ok + "&altitude=Infinity", "altitude"), ("hdop-like text in speed", Ok + "&speed=fast", "speed"),
            ("timestamp -99999999999", Ok + "&timestamp=-99999999999", "timestamp"), ("timestamp 1e20", Ok + "&timestamp=1e20", "timestamp"),
            ("timestamp NaN", Ok + "&timestamp=NaN", "timestamp"), ("timestamp Infinity", Ok + "&timestamp=Infinity", "timestamp"),
            ("timestamp 99999999999999 ms (year 5138)", Ok + "&timestamp=99999999999999", "timestamp"),
            ("timestamp year 9999", Ok + "&timestamp=9999-12-31T23:59:59Z", "timestamp"), ("timestamp year 1", Ok + "&timestamp=0001-01-01T00:00:00Z", "timestamp"),
            ("timestamp 30 February", Ok + "&timestamp=2026-02-30T10:00:00Z", "timestamp"), ("timestamp with NUL", Ok + "&timestamp=17%0064", "timestamp"),
        })
        {
            yield return Tracking($"OsmAnd {name}", NoToken, c => Send(c, HttpMethod.Get, "/osmand?" + query), field);
        }

        foreach (var ahead in new[] { 120, 3600 })
        {
            yield return Tracking($"OsmAnd timestamp {ahead} s ahead", NoToken,
                c => Send(c, HttpMethod.Get, $"/osmand?{Ok}&timestamp={DateTimeOffset.UtcNow.AddSeconds(ahead).ToUnixTimeSeconds()}"), "timestamp");
        }

        yield return Tracking("OsmAnd timestamp two days old", NoToken,
            c => Send(c, HttpMethod.Get, $"/osmand?{Ok}&timestamp={DateTimeOffset.UtcNow.AddDays(-2).ToUnixTimeSeconds()}"), "timestamp");
        foreach (var (name, fields, field) in new[]
        {
            ("lat NaN", new Dictionary<string, string> { ["id"] = "osmand-dishub-1", ["lat"] = "NaN", ["lon"] = "106.65" }, "lat"),
            ("id with NUL (the form reader refuses it)", new Dictionary<string, string> { ["id"] = "osmand\0dishub-1", ["lat"] = "-6.18", ["lon"] = "106.65" }, "body"),
            ("id with ESC", new Dictionary<string, string> { ["id"] = "osmand\u001bdishub-1", ["lat"] = "-6.18", ["lon"] = "106.65" }, "id"),
            ("timestamp -99999999999", new Dictionary<string, string> { ["id"] = "osmand-dishub-1", ["lat"] = "-6.18", ["lon"] = "106.65", ["timestamp"] = "-99999999999" }, "timestamp"),
        })
        {
            yield return Tracking($"OsmAnd form post {name}", NoToken, c => Send(c, HttpMethod.Post, "/osmand", new FormUrlEncodedContent(fields)), field);
        }
    }

    private static string ReportJson(string field, string rawValue)
    {
        var values = new Dictionary<string, string>
        {
            ["category"] = "\"traffic-jam\"", ["description"] = "\"Macet total di depan pasar\"", ["lat"] = "-6.1844", ["lon"] = "106.652",
        };
        values[field] = rawValue;
        return "{" + string.Join(',', values.Select(v => $"\"{v.Key}\":{v.Value}")) + "}";
    }

    private static string HeartbeatJson(string deviceTime, string? field = null, string? rawValue = null)
    {
        var values = new Dictionary<string, string> { ["lat"] = "-6.18", ["lon"] = "106.65", ["deviceTime"] = deviceTime };
        if (field is not null)
        {
            values[field] = rawValue!;
        }

        return "{" + string.Join(',', values.Select(v => $"\"{v.Key}\":{v.Value}")) + "}";
    }

    private static string RosterJson(string field, string rawValue)
    {
        var values = new Dictionary<string, string> { ["name"] = "\"Petugas\"", ["agency"] = "\"Dishub\"" };
        values[field] = rawValue;
        return "{" + string.Join(',', values.Select(v => $"\"{v.Key}\":{v.Value}")) + "}";
    }
}
