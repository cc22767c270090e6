using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace TangerangLive.Grains;

/// <summary>
/// Grain references by string key, kept per grain factory. Orleans' <c>GetGrain&lt;T&gt;(string)</c>
/// resolves the grain interface type by reading custom attributes on every call (1.5 % of the
/// heartbeat path's running time in the profile, twice per heartbeat); a reference is immutable and
/// serves every later call. Bounded: past <see cref="Capacity"/> keys the table starts again, so
/// keys from requests cannot grow it without limit.
/// </summary>
public static class GrainReferences<TGrain>
    where TGrain : IGrainWithStringKey
{
    /// <summary>Keys kept per factory before the table is cleared (more than a city's officers).</summary>
    public const int Capacity = 1_000_000;

    private static readonly ConditionalWeakTable<IGrainFactory, ConcurrentDictionary<string, TGrain>> ByFactory = [];

    public static TGrain Get(IGrainFactory grains, string key)
    {
        var table = ByFactory.GetValue(grains, static _ => new ConcurrentDictionary<string, TGrain>(StringComparer.Ordinal));
        if (table.TryGetValue(key, out var grain))
        {
            return grain;
        }

        if (table.Count >= Capacity)
        {
            table.Clear();
        }

        return table.GetOrAdd(key, static (k, factory) => factory.GetGrain<TGrain>(k), grains);
    }
}
