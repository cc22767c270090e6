using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace TangerangLive.Tests.Open311;

/// <summary>Every answer in both formats, shaped as the spec writes it: element names, nesting, order and JSON types.</summary>
[Collection(Open311Collection.Name)]
public sealed partial class Open311ShapeTests(Open311SiloFixture api)
{
    private static readonly string[] RequestFields =
    [
        "service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible", "service_notice",
        "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url",
    ];

    [Fact]
    public async Task Discovery_lists_the_endpoint_with_both_formats()
    {
        var xml = await GetXmlAsync("/open311/v2/discovery.xml");
        Assert.Equal("discovery", xml.Root!.Name.LocalName);
        Assert.Equal(["changeset", "contact", "key_service", "endpoints"], Names(xml.Root));
        var endpoint = Assert.Single(xml.Root.Element("endpoints")!.Elements("endpoint"));
        Assert.Equal(["specification", "url", "changeset", "type", "formats"], Names(endpoint));
        Assert.Equal(["text/xml", "application/json"], endpoint.Element("formats")!.Elements("format").Select(f => f.Value));
        Assert.Equal($"{api.Silo.Http.BaseAddress!.ToString().TrimEnd('/')}/open311/v2", endpoint.Element("url")!.Value);
        Assert.Equal("production", endpoint.Element("type")!.Value);

        var json = await GetJsonAsync("/open311/v2/discovery.json");
        Assert.Equal(JsonValueKind.Object, json.ValueKind);
        Assert.Equal(["changeset", "contact", "key_service", "endpoints"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["text/xml", "application/json"], json.GetProperty("endpoints")[0].GetProperty("formats").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task Services_are_the_city_categories_with_group_and_keywords()
    {
        var xml = await GetXmlAsync("/open311/v2/services.xml");
        Assert.Equal("services", xml.Root!.Name.LocalName);
        var services = xml.Root.Elements("service").ToList();
        Assert.Equal(14, services.Count);
        Assert.All(services, s => Assert.Equal(["service_code", "service_name", "description", "metadata", "type", "keywords", "group"], Names(s)));
        var road = services.Single(s => s.Element("service_code")!.Value == "damaged-road");
        Assert.Equal("Damaged road", road.Element("service_name")!.Value);
        Assert.Equal("Dinas Bina Marga dan Sumber Daya Air", road.Element("group")!.Value);
        Assert.Equal("damaged-road,damaged,road", road.Element("keywords")!.Value);
        Assert.Equal("false", road.Element("metadata")!.Value);
        Assert.Equal("realtime", road.Element("type")!.Value);

        var json = await GetJsonAsync("/open311/v2/services.json?jurisdiction_id=tangerangkota.go.id");
        Assert.Equal(JsonValueKind.Array, json.ValueKind);
        var light = json.EnumerateArray().Single(s => s.GetProperty("service_code").GetString() == "street-light");
        Assert.Equal(JsonValueKind.False, light.GetProperty("metadata").ValueKind);
        Assert.Equal("street-light,broken,street,traffic,light,pju", light.GetProperty("keywords").GetString());
        Assert.Equal("Dinas Perhubungan", light.GetProperty("group").GetString());
    }

    [Fact]
    public async Task A_service_without_attributes_has_no_definition_and_says_so_as_a_spec_error()
    {
        using var known = await api.Silo.Http.GetAsync("/open311/v2/services/damaged-road.json");
        Assert.Equal(HttpStatusCode.NotFound, known.StatusCode);
        var error = Assert.Single(JsonDocument.Parse(await known.Content.ReadAsStringAsync()).RootElement.EnumerateArray());
        Assert.Equal(["code", "description"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal(404, error.GetProperty("code").GetInt32());
        Assert.Contains("no service definition", error.GetProperty("description").GetString(), StringComparison.Ordinal);

        using var unknown = await api.Silo.Http.GetAsync("/open311/v2/services/potholes.xml");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("text/xml; charset=utf-8", unknown.Content.Headers.ContentType?.ToString());
        var xml = XDocument.Parse(await unknown.Content.ReadAsStringAsync());
        Assert.Equal("errors", xml.Root!.Name.LocalName);
        var xmlError = Assert.Single(xml.Root.Elements("error"));
        Assert.Equal(["code", "description"], Names(xmlError));
        Assert.Equal("404", xmlError.Element("code")!.Value);
    }

    [Fact]
    public async Task A_request_reads_back_with_every_spec_field_ids_as_strings_and_dates_with_the_city_offset()
    {
        // No DKP officer is on duty: the report goes to the operators' queue (escalated), and stays open.
        var id = await api.SubmitAsync("garbage", "Sampah menumpuk", ("media_url", "https://example.org/sampah.jpg"), ("phone", "0812-555-0199"));
        await QueryModel.WaitForAsync(api.ConnectionString, id, "Escalated");

        var json = await GetJsonAsync($"/open311/v2/requests/{id}.json");
        var request = Assert.Single(json.EnumerateArray());
        Assert.Equal(RequestFields, request.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.String, request.GetProperty("service_request_id").ValueKind);
        Assert.Equal(id, request.GetProperty("service_request_id").GetString());
        Assert.Equal("open", request.GetProperty("status").GetString());
        Assert.Equal("garbage", request.GetProperty("service_code").GetString());
        Assert.Equal("Uncollected garbage", request.GetProperty("service_name").GetString());
        Assert.Equal("Sampah menumpuk", request.GetProperty("description").GetString());
        Assert.Equal(JsonValueKind.Number, request.GetProperty("lat").ValueKind);
        Assert.Equal(JsonValueKind.Number, request.GetProperty("long").ValueKind);
        Assert.Equal(JsonValueKind.Null, request.GetProperty("zipcode").ValueKind);
        Assert.Equal("https://example.org/sampah.jpg", request.GetProperty("media_url").GetString());
        foreach (var date in new[] { "requested_datetime", "updated_datetime", "expected_datetime" })
        {
            Assert.Matches(WibDate(), request.GetProperty(date).GetString());
        }

        var requested = DateTimeOffset.Parse(request.GetProperty("requested_datetime").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var expected = DateTimeOffset.Parse(request.GetProperty("expected_datetime").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange((expected - requested).TotalMinutes, 1439.98, 1440.02);
        Assert.DoesNotContain("0812-555-0199", json.GetRawText(), StringComparison.Ordinal);

        var xml = await GetXmlAsync($"/open311/v2/requests/{id}.xml");
        Assert.Equal("service_requests", xml.Root!.Name.LocalName);
        var element = Assert.Single(xml.Root.Elements());
        Assert.Equal("request", element.Name.LocalName);
        Assert.Equal(RequestFields, Names(element));
        Assert.Equal(id, element.Element("service_request_id")!.Value);
        Assert.Equal(request.GetProperty("lat").GetDouble(), double.Parse(element.Element("lat")!.Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(string.Empty, element.Element("zipcode")!.Value);

        var extended = (await GetXmlAsync($"/open311/v2/requests/{id}.xml?extensions=true")).Root!.Element("request")!;
        Assert.Equal([.. RequestFields, "extended_attributes", "notes", "attributes"], Names(extended));
        var attributes = extended.Element("extended_attributes")!;
        Assert.Equal(["channel", "photos", "duplicate", "parent_service_request_id"], Names(attributes));
        Assert.Equal("open311", attributes.Element("channel")!.Value);
        Assert.Equal("https://example.org/sampah.jpg", attributes.Element("photos")!.Element("photo")!.Element("media_url")!.Value);
        Assert.Equal("false", attributes.Element("duplicate")!.Value);
        var notes = extended.Element("notes")!.Elements("note").ToList();
        Assert.All(notes, n => Assert.Equal(["datetime", "type", "description"], Names(n)));
        Assert.Equal(["received", "escalated"], notes.Select(n => n.Element("type")!.Value));
        Assert.Equal("With the command centre's operators.", extended.Element("status_notes")!.Value);
    }

    [Fact]
    public async Task A_kelurahan_name_or_code_places_the_report_at_its_centroid()
    {
        using var byName = await api.PostRequestAsync("json", ("service_code", "park-damage"), ("address_string", "Jl. Daan Mogot No. 5, Sukarasa, Tangerang"));
        var named = JsonDocument.Parse(await byName.Content.ReadAsStringAsync()).RootElement;
        Assert.True(byName.StatusCode == HttpStatusCode.Created, named.GetRawText());
        var id = named[0].GetProperty("service_request_id").GetString()!;
        await api.WaitForQueryModelAsync(id);
        var report = (await GetJsonAsync($"/open311/v2/requests/{id}.json"))[0];
        Assert.Equal((-6.1729, 106.6319), (report.GetProperty("lat").GetDouble(), report.GetProperty("long").GetDouble()));
        Assert.Equal("36.71.01.1001", report.GetProperty("address_id").GetString());
        Assert.Equal("Jl. Daan Mogot No. 5, Sukarasa, Tangerang", report.GetProperty("address").GetString());
        Assert.Equal("Park damage", report.GetProperty("description").GetString());

        using var byCode = await api.PostRequestAsync("json", ("service_code", "blocked-drainage"), ("address_id", "36.71.01.1002"), ("description", "Got mampet"));
        Assert.Equal(HttpStatusCode.Created, byCode.StatusCode);
        var codeId = JsonDocument.Parse(await byCode.Content.ReadAsStringAsync()).RootElement[0].GetProperty("service_request_id").GetString()!;
        await api.WaitForQueryModelAsync(codeId);
        var coded = (await GetJsonAsync($"/open311/v2/requests/{codeId}.json"))[0];
        Assert.Equal((-6.1722, 106.6385), (coded.GetProperty("lat").GetDouble(), coded.GetProperty("long").GetDouble()));
        Assert.Equal("Kelurahan Sukaasih, Kecamatan Tangerang", coded.GetProperty("address").GetString());
    }

    [Fact]
    public async Task A_token_is_the_request_id_and_an_unknown_token_is_not_found()
    {
        var id = await api.SubmitAsync("fallen-tree", "Pohon tumbang", ("attribute[blocking_road]", "yes"));
        await api.WaitForQueryModelAsync(id);
        var token = Assert.Single((await GetJsonAsync($"/open311/v2/tokens/{id}.json")).EnumerateArray());
        Assert.Equal(["service_request_id", "token"], token.EnumerateObject().Select(p => p.Name));
        Assert.Equal((id, id), (token.GetProperty("service_request_id").GetString(), token.GetProperty("token").GetString()));
        var xml = await GetXmlAsync($"/open311/v2/tokens/{id}.xml");
        Assert.Equal(["service_request_id", "token"], Names(xml.Root!.Element("request")!));

        using var unknown = await api.Silo.Http.GetAsync("/open311/v2/tokens/TL-222222222222.json");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_answers_the_same_request()
    {
        var (lat, lon) = api.NextPoint();
        string[] ids = new string[2];
        for (var i = 0; i < 2; i++)
        {
            using var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["api_key"] = api.ApiKey, ["service_code"] = "damaged-road", ["description"] = "Jalan berlubang",
                ["lat"] = lat.ToString(System.Globalization.CultureInfo.InvariantCulture), ["long"] = lon.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            using var message = new HttpRequestMessage(HttpMethod.Post, "/open311/v2/requests.json") { Content = content };
            message.Headers.Add("Idempotency-Key", "fms-report-77");
            using var response = await api.Silo.Http.SendAsync(message);
            Assert.Equal(i == 0 ? HttpStatusCode.Created : HttpStatusCode.OK, response.StatusCode);
            ids[i] = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement[0].GetProperty("service_request_id").GetString()!;
        }

        Assert.Equal(ids[0], ids[1]);
    }

    [Fact]
    public async Task A_second_request_for_the_same_problem_is_closed_as_a_duplicate_with_its_parent()
    {
        var (lat, lon) = api.NextPoint();
        var point = new[] { ("lat", lat.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("long", lon.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        using var first = await api.PostRequestAsync("json", [("service_code", "street-vendor"), ("description", "PKL di trotoar"), .. point]);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var parent = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement[0].GetProperty("service_request_id").GetString()!;
        using var second = await api.PostRequestAsync("json", [("service_code", "street-vendor"), ("description", "Pedagang menutup trotoar"), .. point]);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var answer = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement[0];
        var child = answer.GetProperty("service_request_id").GetString()!;
        Assert.NotEqual(parent, child);

        await QueryModel.WaitForAsync(api.ConnectionString, child, "Duplicate");
        var request = (await GetJsonAsync($"/open311/v2/requests/{child}.json?extensions=true"))[0];
        Assert.Equal("closed", request.GetProperty("status").GetString());
        Assert.Equal($"Duplicate of {parent}.", request.GetProperty("status_notes").GetString());
        var extended = request.GetProperty("extended_attributes");
        Assert.Equal(JsonValueKind.True, extended.GetProperty("duplicate").ValueKind);
        Assert.Equal(parent, extended.GetProperty("parent_service_request_id").GetString());
        Assert.Equal(["received", "duplicate"], request.GetProperty("notes").EnumerateArray().Select(n => n.GetProperty("type").GetString()));
    }

    internal static IEnumerable<string> Names(XElement element) => element.Elements().Select(e => e.Name.LocalName);

    private async Task<XDocument> GetXmlAsync(string path)
    {
        using var response = await api.Silo.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal("text/xml; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", body, StringComparison.Ordinal);
        return XDocument.Parse(body);
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await api.Silo.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$")]
    private static partial Regex WibDate();
}
