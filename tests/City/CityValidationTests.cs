using TangerangLive.Grains.City;

namespace TangerangLive.Tests.City;

public class CityValidationTests
{
    private static CityDefinitionException Reject(string json) =>
        Assert.Throws<CityDefinitionException>(() => CityCatalog.Parse(json));

    [Fact]
    public void Category_with_unknown_agency_is_rejected_naming_the_field()
    {
        var ex = Reject(TestCities.GridTownJson.Replace("\"agency\": \"Roads\"", "\"agency\": \"Dinsos\"", StringComparison.Ordinal));

        var error = Assert.Single(ex.Errors);
        Assert.StartsWith("categories[1].agency: unknown agency 'Dinsos'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_deadline_and_bad_priority_are_each_named()
    {
        var ex = Reject(TestCities.GridTownJson
            .Replace("\"ackDeadlineSeconds\": 60", "\"ackDeadlineSeconds\": -5", StringComparison.Ordinal)
            .Replace("\"priority\": 2", "\"priority\": 9", StringComparison.Ordinal));

        Assert.Equal(
            ["categories[0].priority: must be 1..4 (got 9)", "categories[0].ackDeadlineSeconds: must be positive (got -5)"],
            ex.Errors);
    }

    [Fact]
    public void Duplicate_agency_codes_are_rejected()
    {
        var ex = Reject(TestCities.GridTownJson.Replace("\"code\": \"Roads\"", "\"code\": \"Traffic\"", StringComparison.Ordinal));

        Assert.Contains("agencies[1].code: duplicate agency code 'Traffic'", ex.Errors);
    }

    [Fact]
    public void Bad_shift_start_unknown_time_zone_and_inverted_coverage_are_named()
    {
        var ex = Reject(TestCities.GridTownJson
            .Replace("\"start\": \"07:00\"", "\"start\": \"7am\"", StringComparison.Ordinal)
            .Replace("\"Asia/Jakarta\"", "\"Mars/Olympus\"", StringComparison.Ordinal)
            .Replace("\"partialCoverage\": 0.5", "\"partialCoverage\": 0.95", StringComparison.Ordinal));

        Assert.Equal(
        [
            "timeZone: unknown time zone 'Mars/Olympus'",
            "shifts[0].start: must be a local time 'HH:mm' (got '7am')",
            "attendance: coverages must satisfy 0 < partialCoverage <= presentCoverage <= 1 (got 0.95, 0.9)",
        ], ex.Errors);
    }

    [Fact]
    public void Missing_sections_and_unknown_fields_are_named()
    {
        Assert.Contains("agencies: at least one agency is required", Reject("""{ "id": "x", "name": "X" }""").Errors);

        var unknown = Reject(TestCities.GridTownJson.Replace("\"timeZone\"", "\"colour\": 1, \"timeZone\"", StringComparison.Ordinal));
        Assert.Contains("colour", Assert.Single(unknown.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_is_reported_with_its_path()
    {
        var ex = Reject("""{ "id": "x", "agencies": [ { "code": 5 } ] }""");

        Assert.StartsWith("$.agencies[0].code:", Assert.Single(ex.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_category_attributes_are_each_named()
    {
        const string Attributes = """
            "slaMinutes": 600, "attributes": [
              { "code": "depth", "description": "Depth", "datatype": "float", "required": true },
              { "code": "depth", "description": "Lanes", "datatype": "singlevaluelist", "required": false },
              { "code": "size", "description": "Size", "datatype": "number", "required": false, "values": [ { "key": "s", "name": "Small" } ] },
              { "code": "a b", "description": "", "datatype": "multivaluelist", "required": false, "values": [ { "key": "x", "name": "X" }, { "key": "x", "name": "Y" } ] }
            ]
            """;
        var ex = Reject(TestCities.GridTownJson.Replace("\"slaMinutes\": 600", Attributes, StringComparison.Ordinal));

        Assert.Equal(
        [
            "categories[1].attributes[0].datatype: must be one of string, number, datetime, text, singlevaluelist, multivaluelist (got 'float')",
            "categories[1].attributes[1].code: duplicate attribute code 'depth'",
            "categories[1].attributes[1].values: a singlevaluelist needs at least one value",
            "categories[1].attributes[2].values: only a list datatype has values",
            "categories[1].attributes[3].code: 1-64 letters, digits, '_', '-' or '.' (got 'a b')",
            "categories[1].attributes[3].description: is required",
            "categories[1].attributes[3].values[1].key: duplicate key 'x'",
        ], ex.Errors);
    }

    [Fact]
    public void The_built_in_city_asks_a_flood_its_depth_and_a_fallen_tree_whether_it_blocks_the_road()
    {
        var city = CityCatalog.LoadBuiltIn();

        Assert.Equal(("water_depth_cm", CategoryAttribute.Number, true), city.FindCategory("flood")!.AttributeList.Select(a => (a.Code, a.Datatype, a.Required)).Single());
        Assert.Equal(["yes", "no"], city.FindCategory("fallen-tree")!.AttributeList.Single().Values!.Select(v => v.Key));
        Assert.Empty(city.FindCategory("damaged-road")!.AttributeList);
    }

    [Fact]
    public void Answers_are_checked_against_the_category_and_a_required_one_only_where_the_channel_asks_it()
    {
        var flood = CityCatalog.LoadBuiltIn().FindCategory("flood")!;

        var missing = AttributeAnswers.Check(flood, new Dictionary<string, string[]>(), requireAnswers: true, out _);
        Assert.Equal([new AttributeProblem("water_depth_cm", "required: How deep is the water, in centimetres?")], missing);
        Assert.Empty(AttributeAnswers.Check(flood, new Dictionary<string, string[]>(), requireAnswers: false, out _));
        var twice = AttributeAnswers.Check(flood, new Dictionary<string, string[]> { ["water_depth_cm"] = ["10", "20"] }, requireAnswers: false, out _);
        Assert.Equal([new AttributeProblem("water_depth_cm", "one value only (number).")], twice);
        Assert.Empty(AttributeAnswers.Check(flood, new Dictionary<string, string[]> { ["water_depth_cm"] = ["12.5"] }, requireAnswers: true, out var accepted));
        Assert.Equal(["12.5"], accepted["water_depth_cm"]);
    }
}
