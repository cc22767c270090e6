namespace TangerangLive.Grains.Zones;

/// <summary>Zone grain keys: "zone/" + the zone code, so no key is ever read as a number.</summary>
public static class ZoneKey
{
    private const string Prefix = "zone/";

    public static string For(string zoneCode) => Prefix + zoneCode;

    public static string CodeOf(string grainKey) =>
        grainKey.StartsWith(Prefix, StringComparison.Ordinal) ? grainKey[Prefix.Length..] : grainKey;

    public static IZoneGrain Zone(this IGrainFactory grains, string zoneCode) => GrainReferences<IZoneGrain>.Get(grains, For(zoneCode));
}
