using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace TangerangLive.Grains.Zones;

/// <summary>Zone grain keys: "zone/" + the zone code, so no key is ever read as a number.</summary>
public static class ZoneKey
{
    private const string Prefix = "zone/";

    public static string For(string zoneCode) => Prefix + zoneCode;

    public static string CodeOf(string grainKey) =>
        grainKey.StartsWith(Prefix, StringComparison.Ordinal) ? grainKey[Prefix.Length..] : grainKey;

    /// <summary>
    /// The zone's grain. Unlike officers' and reports', zone references are kept (one per zone and grain factory, a
    /// city's worth): every matching search and duplicate check asks several zones, and making each reference anew
    /// (the key string, its UTF-8 id, the proxy) was about 3 % of the silo's allocations at 100 reports/s.
    /// Zone codes come from the cities' maps, never from a request, so the table stays a city's size.
    /// </summary>
    public static IZoneGrain Zone(this IGrainFactory grains, string zoneCode) =>
        Kept.GetValue(grains, static _ => new ConcurrentDictionary<string, IZoneGrain>(StringComparer.Ordinal))
            .GetOrAdd(zoneCode, static (code, factory) => GrainReferences<IZoneGrain>.Get(factory, For(code)), grains);

    private static readonly ConditionalWeakTable<IGrainFactory, ConcurrentDictionary<string, IZoneGrain>> Kept = [];
}
