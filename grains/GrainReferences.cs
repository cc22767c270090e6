using System.Runtime.CompilerServices;

namespace TangerangLive.Grains;

/// <summary>
/// Grain references by string key. Orleans' <c>GetGrain&lt;T&gt;(string)</c> resolves the grain interface type by
/// reading custom attributes on every call (1.5 % of the heartbeat path's running time in the profile, twice per
/// heartbeat). The grain type and interface type are resolved once per grain factory here; each call then makes
/// the reference from its grain id directly. References are not kept: a table of one per officer cost about 140 B
/// per officer on shift (the table's node, the key string and the proxy), more than making one per call.
/// </summary>
public static class GrainReferences<TGrain>
    where TGrain : IGrainWithStringKey
{
    private static readonly ConditionalWeakTable<IGrainFactory, Resolved> ByFactory = [];

    public static TGrain Get(IGrainFactory grains, string key)
    {
        var resolved = ByFactory.GetValue(grains, static factory =>
        {
            // Any key resolves the types; the reference is only read, never called.
            var probe = (GrainReference)(object)factory.GetGrain<TGrain>("type-probe");
            return new Resolved(probe.GrainId.Type, probe.InterfaceType);
        });
        return (TGrain)grains.GetGrain(GrainId.Create(resolved.Type, key), resolved.Interface);
    }

    private sealed record Resolved(GrainType Type, GrainInterfaceType Interface);
}
