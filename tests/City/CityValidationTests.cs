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
}
