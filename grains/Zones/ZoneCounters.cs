namespace TangerangLive.Grains.Zones;

/// <summary>A zone's live counters: what screens show per zone, without the officers themselves.</summary>
[GenerateSerializer, Immutable]
public sealed record ZoneCounters(
    [property: Id(0)] string ZoneCode,
    [property: Id(1)] int OfficersOnline,
    [property: Id(2)] int OfficersAvailable,
    [property: Id(3)] int OpenComplaints,
    [property: Id(4)] IReadOnlyDictionary<string, int> OnlineByAgency)
{
    /// <summary>Same figures (the zone publishes counters only when they change).</summary>
    public bool SameAs(ZoneCounters? other) =>
        other is not null && other.OfficersOnline == OfficersOnline && other.OfficersAvailable == OfficersAvailable
        && other.OpenComplaints == OpenComplaints && other.OnlineByAgency.Count == OnlineByAgency.Count
        && OnlineByAgency.All(a => other.OnlineByAgency.TryGetValue(a.Key, out var n) && n == a.Value);
}
