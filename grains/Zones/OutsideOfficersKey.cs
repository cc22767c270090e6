namespace TangerangLive.Grains.Zones;

/// <summary>
/// The key of the index of officers outside every zone: "outside/" + the city's id, one index per city, so that
/// cities sharing a cluster keep apart and no key can be taken for a zone code.
/// </summary>
public static class OutsideOfficersKey
{
    private const string Prefix = "outside/";

    public static string For(string cityId) => Prefix + cityId;

    public static IOutsideOfficersGrain OutsideOfficers(this IGrainFactory grains, string cityId) =>
        GrainReferences<IOutsideOfficersGrain>.Get(grains, For(cityId));
}
