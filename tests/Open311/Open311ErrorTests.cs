using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using TangerangLive.Api.Open311;

namespace TangerangLive.Tests.Open311;

/// <summary>Bad input gets the spec's error list and status code (403 api key, 404 missing, 400 the rest), never a 500.</summary>
[Collection(Open311Collection.Name)]
public sealed class Open311ErrorTests(Open311SiloFixture api)
{
    public static TheoryData<string, string[], string> BadSubmissions => new()
    {
        { "no location", ["service_code", "garbage", "description", "x"], "lat: a location is required" },
        { "lat without long", ["service_code", "garbage", "lat", "-6.17"], "long: required with lat." },
        { "lat not a number", ["service_code", "garbage", "lat", "abc", "long", "106.63"], "lat: not a number." },
        { "lat 999", ["service_code", "garbage", "lat", "999", "long", "106.63"], "lat: lat must be a finite number between -90 and 90." },
        { "outside the city", ["service_code", "garbage", "lat", "-6.9", "long", "107.6"], "location: The point (-6.9, 107.6) is outside Kota Tangerang." },
        { "no service_code", ["lat", "-6.17", "long", "106.63"], "service_code: required." },
        { "unknown service_code", ["service_code", "potholes", "lat", "-6.17", "long", "106.63"], "service_code: unknown service 'potholes'; GET services lists them." },
        { "unknown kelurahan", ["service_code", "garbage", "address_string", "Jl. Sudirman, Jakarta"], "address_string: address_string names no kelurahan" },
        { "unknown kelurahan code", ["service_code", "garbage", "address_id", "99.99"], "address_id: address_id '99.99' is not a kelurahan code" },
        { "media_url not a link", ["service_code", "garbage", "lat", "-6.17", "long", "106.63", "media_url", "file:///etc/passwd"], "media_url: an absolute http or https URL." },
        { "email", ["service_code", "garbage", "lat", "-6.17", "long", "106.63", "email", "nobody"], "email: not an email address." },
        { "control characters", ["service_code", "garbage", "lat", "-6.17", "long", "106.63", "description", "a\u0001b"], "description: Contains control characters" },
        { "bad attribute name", ["service_code", "garbage", "lat", "-6.17", "long", "106.63", "attribute[a b]", "1"], "attribute[a b]: an attribute is attribute[CODE]" },
        { "required attribute missing", ["service_code", "flood", "lat", "-6.17", "long", "106.63"], "attribute[water_depth_cm]: required: How deep is the water, in centimetres?" },
        { "attribute not a number", ["service_code", "flood", "lat", "-6.17", "long", "106.63", "attribute[water_depth_cm]", "deep"], "attribute[water_depth_cm]: a number is required (got 'deep')." },
        { "attribute value not in the list", ["service_code", "fallen-tree", "lat", "-6.17", "long", "106.63", "attribute[blocking_road]", "maybe"], "attribute[blocking_road]: 'maybe' is not one of yes, no." },
        { "attribute the service does not define", ["service_code", "garbage", "lat", "-6.17", "long", "106.63", "attribute[colour]", "red"], "attribute[colour]: 'garbage' has no attribute 'colour'; it takes volume." },
        { "description too long", ["service_code", "garbage", "lat", "-6.17", "long", "106.63", "description", new string('x', 4001)], "description: at most 4000 characters." },
    };

    [Theory]
    [MemberData(nameof(BadSubmissions))]
    public async Task A_bad_submission_is_a_400_error_naming_the_field(string why, string[] fields, string expected)
    {
        using var response = await api.PostRequestAsync("json", [.. fields.Chunk(2).Select(p => (p[0], p[1]))]);
        var errors = await ErrorsAsync(response, HttpStatusCode.BadRequest);
        Assert.True(errors.Any(e => e.Description.StartsWith(expected, StringComparison.Ordinal)), $"{why}: {string.Join(" | ", errors.Select(e => e.Description))}");
        Assert.All(errors, e => Assert.Equal(400, e.Code));
    }

    [Fact]
    public async Task A_missing_wrong_or_revoked_api_key_is_403_in_both_formats()
    {
        using var missing = await api.PostRequestAsync("xml", ("api_key", ""), ("service_code", "garbage"), ("lat", "-6.17"), ("long", "106.63"));
        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        var xml = XDocument.Parse(await missing.Content.ReadAsStringAsync());
        Assert.Equal("errors", xml.Root!.Name.LocalName);
        Assert.Equal("403", Assert.Single(xml.Root.Elements("error")).Element("code")!.Value);

        using var wrong = await api.PostRequestAsync("json", ("api_key", api.ApiKey[..^1] + (api.ApiKey[^1] == 'a' ? "b" : "a")), ("service_code", "garbage"), ("lat", "-6.17"), ("long", "106.63"));
        Assert.Equal(403, Assert.Single(await ErrorsAsync(wrong, HttpStatusCode.Forbidden)).Code);

        using var admin = await api.ClientAsync("admin");
        var issued = await Open311SiloFixture.IssueKeyAsync(admin, "Revoked client");
        var listed = await admin.GetFromJsonAsync<IReadOnlyList<Open311KeyInfo>>("/api/admin/open311/keys");
        var info = Assert.Single(listed!, k => k.KeyId == issued.KeyId);
        Assert.Equal(("Revoked client", "admin", (DateTimeOffset?)null), (info.Name, info.CreatedBy, info.RevokedAt));
        Assert.DoesNotContain(issued.ApiKey.Split('.')[1], await admin.GetStringAsync("/api/admin/open311/keys"), StringComparison.Ordinal);
        var (lat, lon) = api.NextPoint();
        var point = new[] { ("lat", lat.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("long", lon.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        using (var live = await api.PostRequestAsync("json", [("api_key", issued.ApiKey), ("service_code", "garbage"), .. point]))
        {
            Assert.Equal(HttpStatusCode.Created, live.StatusCode);
        }

        using (var revoke = await admin.DeleteAsync($"/api/admin/open311/keys/{issued.KeyId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        using (var again = await admin.DeleteAsync($"/api/admin/open311/keys/{issued.KeyId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        }

        using var revoked = await api.PostRequestAsync("json", [("api_key", issued.ApiKey), ("service_code", "fallen-tree"), .. point]);
        Assert.Equal(403, Assert.Single(await ErrorsAsync(revoked, HttpStatusCode.Forbidden)).Code);
    }

    [Fact]
    public async Task Only_admins_manage_api_keys()
    {
        using var ops = await api.ClientAsync("operator");
        using var create = await ops.PostAsJsonAsync("/api/admin/open311/keys", new CreateOpen311KeyRequest("x"));
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        using var anonymous = await api.Silo.Http.GetAsync("/api/admin/open311/keys");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var admin = await api.ClientAsync("admin");
        using var nameless = await admin.PostAsJsonAsync("/api/admin/open311/keys", new CreateOpen311KeyRequest(" "));
        Assert.Equal(HttpStatusCode.BadRequest, nameless.StatusCode);
        Assert.Contains("\"name\"", await nameless.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_is_400()
    {
        using var json = await api.Silo.Http.PostAsync("/open311/v2/requests.json", new StringContent("{\"service_code\":\"garbage\"}", Encoding.UTF8, "application/json"));
        Assert.Equal("The body must be application/x-www-form-urlencoded; charset=utf-8.", Assert.Single(await ErrorsAsync(json, HttpStatusCode.BadRequest)).Description);
    }

    [Theory]
    [InlineData("/open311/v2/requests/TL-222222222222.json", HttpStatusCode.NotFound, "service_request_id 'TL-222222222222' not found.")]
    [InlineData("/open311/v2/requests/not-an-id.json", HttpStatusCode.NotFound, "service_request_id 'not-an-id' not found.")]
    [InlineData("/open311/v2/services.json?jurisdiction_id=jakarta.go.id", HttpStatusCode.NotFound, "jurisdiction_id 'jakarta.go.id' not found")]
    [InlineData("/open311/v2/requests.json?status=pending", HttpStatusCode.BadRequest, "status: 'pending' is neither open nor closed.")]
    [InlineData("/open311/v2/requests.json?service_code=potholes", HttpStatusCode.BadRequest, "service_code: unknown service 'potholes'.")]
    [InlineData("/open311/v2/requests.json?service_request_id=1,2", HttpStatusCode.BadRequest, "service_request_id: a comma-separated list")]
    [InlineData("/open311/v2/requests.json?start_date=yesterday", HttpStatusCode.BadRequest, "start_date: not an ISO 8601 date")]
    [InlineData("/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", HttpStatusCode.BadRequest, "end_date: start_date and end_date may be at most 90 days apart.")]
    [InlineData("/open311/v2/requests.json?start_date=2026-06-01T00:00:00Z&end_date=2026-01-01T00:00:00Z", HttpStatusCode.BadRequest, "end_date: must not be before start_date.")]
    [InlineData("/open311/v2/requests.json?page=0", HttpStatusCode.BadRequest, "page: a whole number from 1 to 1000000.")]
    [InlineData("/open311/v2/requests.json?page_size=abc", HttpStatusCode.BadRequest, "page_size: a whole number from 1 to 1000.")]
    [InlineData("/open311/v2/requests.json?page_size=1001", HttpStatusCode.BadRequest, "page_size: a whole number from 1 to 1000.")]
    [InlineData("/open311/v2/requests.json?updated_after=%00", HttpStatusCode.BadRequest, "updated_after: not an ISO 8601 date")]
    [InlineData("/open311/v2/requests.json?extensions=yes", HttpStatusCode.BadRequest, "extensions: true or false.")]
    [InlineData("/open311/v2/servicerequestupdates.json?end_date=2026-13-01", HttpStatusCode.BadRequest, "end_date: not an ISO 8601 date")]
    [InlineData("/open311/v2/requests.csv", HttpStatusCode.BadRequest, "Unknown format 'csv': use .xml or .json.")]
    public async Task A_bad_read_gets_the_spec_error(string path, HttpStatusCode status, string expected)
    {
        using var response = await api.Silo.Http.GetAsync(path);
        var errors = await ErrorsAsync(response, status);
        Assert.True(errors.Any(e => e.Description.StartsWith(expected, StringComparison.Ordinal)), string.Join(" | ", errors.Select(e => e.Description)));
    }

    [Theory]
    [InlineData("tangerangkota.go.id")]
    [InlineData("kota-tangerang")]
    [InlineData("")]
    public async Task The_city_jurisdiction_is_accepted(string jurisdiction)
    {
        using var response = await api.Silo.Http.GetAsync($"/open311/v2/requests.json?jurisdiction_id={jurisdiction}&service_code=hospital-room");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[]", await response.Content.ReadAsStringAsync());
    }

    /// <summary>The errors of an answer in either format, after checking its status code.</summary>
    internal static async Task<IReadOnlyList<Open311Error>> ErrorsAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        if (response.Content.Headers.ContentType?.MediaType == "text/xml")
        {
            return [.. XDocument.Parse(body).Root!.Elements("error").Select(e => new Open311Error(int.Parse(e.Element("code")!.Value, System.Globalization.CultureInfo.InvariantCulture), e.Element("description")!.Value))];
        }

        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return [.. JsonDocument.Parse(body).RootElement.EnumerateArray().Select(e => new Open311Error(e.GetProperty("code").GetInt32(), e.GetProperty("description").GetString()!))];
    }
}
