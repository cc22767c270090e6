using Orleans;

namespace TangerangLive.Grains.City;

/// <summary>
/// A city as data: everything that changes from one city to the next. Load it with
/// <see cref="CityCatalog"/>, which validates it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CityDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string TimeZone,
    [property: Id(3)] GeoBounds BoundingBox,
    [property: Id(4)] ZoneSourceDefinition Zones,
    [property: Id(5)] IReadOnlyList<AgencyDefinition> Agencies,
    [property: Id(6)] IReadOnlyList<CategoryDefinition> Categories,
    [property: Id(7)] IReadOnlyList<ShiftDefinition> Shifts,
    [property: Id(8)] LivenessPolicy Liveness,
    [property: Id(9)] AttendancePolicy Attendance,
    [property: Id(10)] DuplicatePolicy Duplicates)
{
    /// <summary>The agency with this code (ordinal, case-insensitive), or null.</summary>
    public AgencyDefinition? FindAgency(string code) =>
        Agencies.FirstOrDefault(a => string.Equals(a.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The shift an officer's roster entry names, by code or name (ordinal, case-insensitive), or the first shift
    /// when it names none of them: what attendance seals an officer's days by.
    /// </summary>
    public ShiftDefinition ShiftFor(string name) =>
        Shifts.FirstOrDefault(s => string.Equals(s.Code, name, StringComparison.OrdinalIgnoreCase) || string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? Shifts[0];

    /// <summary>The category with this code (ordinal, case-insensitive), or null.</summary>
    public CategoryDefinition? FindCategory(string code) =>
        Categories.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>The city's time zone.</summary>
    public TimeZoneInfo FindTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
