using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using TangerangLive.Api.Reports;
using TangerangLive.Grains.Complaints;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Open311;

/// <summary>
/// Categories with attributes (a flood's water depth, whether a fallen tree blocks the road, how much garbage): their
/// service definitions in the spec's shape in both formats, POST requests checking attribute[...] against them, and
/// the answers kept with the report, in the extensions and in the staff's report detail.
/// </summary>
[Collection(Open311Collection.Name)]
public sealed class Open311AttributeTests(Open311SiloFixture api)
{
    private static readonly string[] AttributeFields = ["variable", "code", "datatype", "required", "datatype_description", "order", "description", "values"];

    [Fact]
    public async Task Services_with_attributes_have_metadata_and_a_definition_in_the_spec_shape()
    {
        var services = await GetJsonAsync("/open311/v2/services.json");
        var metadata = services.EnumerateArray().Where(s => s.GetProperty("metadata").GetBoolean()).Select(s => s.GetProperty("service_code").GetString());
        Assert.Equal(["flood", "fallen-tree", "garbage"], metadata);
        var servicesXml = await GetXmlAsync("/open311/v2/services.xml");
        Assert.Equal("true", servicesXml.Root!.Elements("service").Single(s => s.Element("service_code")!.Value == "flood").Element("metadata")!.Value);

        var flood = await GetJsonAsync("/open311/v2/services/flood.json?jurisdiction_id=tangerangkota.go.id");
        Assert.Equal(JsonValueKind.Object, flood.ValueKind);
        Assert.Equal(["service_code", "attributes"], flood.EnumerateObject().Select(p => p.Name));
        Assert.Equal("flood", flood.GetProperty("service_code").GetString());
        var depth = Assert.Single(flood.GetProperty("attributes").EnumerateArray());
        Assert.Equal(AttributeFields, depth.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.True, depth.GetProperty("variable").ValueKind);
        Assert.Equal(("water_depth_cm", "number", "Centimetres, for example 30"), (depth.GetProperty("code").GetString(), depth.GetProperty("datatype").GetString(), depth.GetProperty("datatype_description").GetString()));
        Assert.Equal(JsonValueKind.True, depth.GetProperty("required").ValueKind);
        Assert.Equal(1, depth.GetProperty("order").GetInt32());
        Assert.Equal("How deep is the water, in centimetres?", depth.GetProperty("description").GetString());
        Assert.Equal(0, depth.GetProperty("values").GetArrayLength());

        var tree = await GetXmlAsync("/open311/v2/services/fallen-tree.xml");
        Assert.Equal("service_definition", tree.Root!.Name.LocalName);
        Assert.Equal(["service_code", "attributes"], Open311ShapeTests.Names(tree.Root));
        var blocking = Assert.Single(tree.Root.Element("attributes")!.Elements("attribute"));
        Assert.Equal(AttributeFields, Open311ShapeTests.Names(blocking));
        Assert.Equal(("true", "blocking_road", "singlevaluelist", "true", "1"), (
            blocking.Element("variable")!.Value, blocking.Element("code")!.Value, blocking.Element("datatype")!.Value, blocking.Element("required")!.Value,
            blocking.Element("order")!.Value));
        var values = blocking.Element("values")!.Elements("value").ToList();
        Assert.All(values, v => Assert.Equal(["key", "name"], Open311ShapeTests.Names(v)));
        Assert.Equal([("yes", "Yes, the road is blocked"), ("no", "No, traffic can pass")], values.Select(v => (v.Element("key")!.Value, v.Element("name")!.Value)));

        var garbage = await GetJsonAsync("/open311/v2/services/garbage.json");
        var volume = Assert.Single(garbage.GetProperty("attributes").EnumerateArray());
        Assert.Equal(JsonValueKind.False, volume.GetProperty("required").ValueKind);
        Assert.Equal(["bags", "cart", "truck"], volume.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("key").GetString()));
    }

    [Fact]
    public async Task Every_bad_attribute_is_named_in_one_xml_error_list()
    {
        var (lat, lon) = api.NextPoint();
        using var response = await api.PostRequestAsync("xml",
            ("service_code", "fallen-tree"), ("lat", Text(lat)), ("long", Text(lon)), ("attribute[blocking_road]", "perhaps"), ("attribute[height_m]", "12"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("errors", xml.Root!.Name.LocalName);
        var errors = xml.Root.Elements("error").Select(e => (e.Element("code")!.Value, e.Element("description")!.Value)).ToList();
        Assert.Equal(
        [
            ("400", "attribute[height_m]: 'fallen-tree' has no attribute 'height_m'; it takes blocking_road."),
            ("400", "attribute[blocking_road]: 'perhaps' is not one of yes, no."),
        ], errors);
    }

    [Fact]
    public async Task The_answers_are_kept_with_the_report_and_shown_in_the_extensions_and_the_staff_detail()
    {
        var id = await api.SubmitAsync("flood", "Banjir setinggi lutut", ("attribute[water_depth_cm]", " 45 "), ("media_url", "https://example.org/banjir.jpg"));
        await api.WaitForQueryModelAsync(id);

        var request = (await GetJsonAsync($"/open311/v2/requests/{id}.json?extensions=true"))[0];
        Assert.Equal("https://example.org/banjir.jpg", request.GetProperty("media_url").GetString());
        var attribute = Assert.Single(request.GetProperty("attributes").EnumerateArray());
        Assert.Equal(("water_depth_cm", "45"), (attribute.GetProperty("code").GetString(), attribute.GetProperty("value").GetString()));
        var xml = (await GetXmlAsync($"/open311/v2/requests/{id}.xml?extensions=true")).Root!.Element("request")!;
        var xmlAttribute = Assert.Single(xml.Element("attributes")!.Elements("attribute"));
        Assert.Equal(("water_depth_cm", "45"), (xmlAttribute.Element("code")!.Value, xmlAttribute.Element("value")!.Value));

        using var ops = await api.ClientAsync("operator");
        var detail = (await ops.GetFromJsonAsync<ReportView>($"/api/ops/reports/{id}", ApiJson.Options))!;
        var answer = Assert.Single(detail.Attributes!);
        Assert.Equal("water_depth_cm", answer.Code);
        Assert.Equal(["45"], answer.Values);
    }

    /// <summary>
    /// The request's extras are stored before the report: when PostgreSQL refuses them, no report exists (the client
    /// gets 503 and retries), and the retry's report has its media_url and attributes. Before, the report was stored
    /// first and a failure here left a report, already dispatched, without them.
    /// </summary>
    [Fact]
    public async Task When_the_extras_cannot_be_stored_no_report_is_accepted_and_the_retry_keeps_them()
    {
        Assert.True(TangerangLive.Api.Open311.Open311ApiKey.TryParse(api.ApiKey, out var key));
        var idempotencyKey = $"fms-{Guid.NewGuid():N}";
        var id = ComplaintKey.FromIdempotencyKey("open311:" + key.KeyId, idempotencyKey);
        var (lat, lon) = api.NextPoint();
        var media = $"https://example.org/{idempotencyKey}.jpg";
        await ExecuteAsync($"""
            CREATE FUNCTION refuse_open311_request() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.media_url = '{media}' THEN RAISE EXCEPTION 'test: the database refuses this row'; END IF;
              RETURN NEW;
            END $$;
            CREATE TRIGGER refuse_open311_request BEFORE INSERT ON open311_requests FOR EACH ROW EXECUTE FUNCTION refuse_open311_request();
            """);
        try
        {
            using var refused = await PostAsync(idempotencyKey, lat, lon, media);
            var body = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)refused.StatusCode} {body}");
            Assert.Equal(503, JsonDocument.Parse(body).RootElement[0].GetProperty("code").GetInt32());
            using var ops = await api.ClientAsync("operator");
            using var detail = await ops.GetAsync($"/api/ops/reports/{id}");
            Assert.Equal(HttpStatusCode.NotFound, detail.StatusCode);
        }
        finally
        {
            await ExecuteAsync("DROP TRIGGER refuse_open311_request ON open311_requests; DROP FUNCTION refuse_open311_request();");
        }

        using var retried = await PostAsync(idempotencyKey, lat, lon, media);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(id, JsonDocument.Parse(await retried.Content.ReadAsStringAsync()).RootElement[0].GetProperty("service_request_id").GetString());
        await api.WaitForQueryModelAsync(id);
        var request = (await GetJsonAsync($"/open311/v2/requests/{id}.json?extensions=true"))[0];
        Assert.Equal(media, request.GetProperty("media_url").GetString());
        var attribute = Assert.Single(request.GetProperty("attributes").EnumerateArray());
        Assert.Equal(("water_depth_cm", "80"), (attribute.GetProperty("code").GetString(), attribute.GetProperty("value").GetString()));
    }

    private async Task<HttpResponseMessage> PostAsync(string idempotencyKey, double lat, double lon, string media)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = api.ApiKey, ["service_code"] = "flood", ["description"] = "Banjir sepinggang", ["lat"] = Text(lat), ["long"] = Text(lon),
            ["media_url"] = media, ["attribute[water_depth_cm]"] = "80",
        });
        using var message = new HttpRequestMessage(HttpMethod.Post, "/open311/v2/requests.json") { Content = content };
        message.Headers.Add("Idempotency-Key", idempotencyKey);
        return await api.Silo.Http.SendAsync(message);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private async Task<XDocument> GetXmlAsync(string path)
    {
        using var response = await api.Silo.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal("text/xml; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return XDocument.Parse(body);
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await api.Silo.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return JsonDocument.Parse(body).RootElement;
    }
}
