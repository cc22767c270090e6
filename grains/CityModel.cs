using TangerangLive.Grains.City;

namespace TangerangLive.Grains;

/// <summary>The city this cluster serves: its definition (agencies, categories, policies) and its zones.</summary>
public sealed class CityModel(CityDefinition definition, ZoneMap map)
{
    public CityDefinition Definition { get; } = definition;

    public ZoneMap Map { get; } = map;

    public TimeZoneInfo TimeZone { get; } = definition.FindTimeZone();

    public static CityModel BuiltIn()
    {
        var city = CityCatalog.LoadBuiltIn();
        return new CityModel(city, ZoneMapFactory.ForCity(city));
    }
}
