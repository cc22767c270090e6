using Orleans.Concurrency;
using TangerangLive.Grains.Matching;

namespace TangerangLive.Grains.Zones;

/// <summary>
/// The index of on-duty officers whose last accepted fix is outside every zone polygon: just past the city
/// boundary, in a gap between two kelurahan, in the next city. Reports are always inside the city, but such an
/// officer can still be the nearest one, so matching asks this index beside the zones, every time (it is small,
/// usually empty). It is not a zone: it has no zone code, no open reports and no counters, and no screen lists
/// it. Like a zone's, the index is soft state fed by the officers' one-way messages, swept for liveness (on a
/// timer, and on a reminder that brings it back after a silo dies), and rebuilt from the position log on
/// activation. Key: <see cref="OutsideOfficersKey.For"/> the city's id.
/// <para>
/// One grain per city on the matching path, so its load is worth stating: one read-only call per search (calls
/// interleave), plus the heartbeats of the officers outside every zone only; an officer inside a zone never
/// calls it. Should it ever run hot, the area around the city can be cut into sectors with a distance lower
/// bound each, and searched like zones.
/// </para>
/// </summary>
public interface IOutsideOfficersGrain : IOfficerIndexGrain
{
    /// <summary>The officers now in the index, ordered by id.</summary>
    /// <remarks>Read-only: it only reads the index.</remarks>
    [ReadOnly]
    Task<IReadOnlyList<OfficerPosition>> GetOfficersAsync();
}
