using System.Collections.Concurrent;

namespace TangerangLive.Grains.Zones;

/// <summary>
/// For each zone whose activation lives on this silo, the agencies with at least one available officer in it, as the
/// zone's own index says at the end of every change (one table per silo process, in memory). A nearest-officer search
/// on this silo skips a zone that the table says has no available officer of the report's agency, instead of asking
/// it: a search that finds nobody otherwise asks every zone within the category's radius (measured: about 80 grain
/// calls per report at 100 reports/s, most of them such searches, docs/benchmarks.md, session 22).
/// </summary>
/// <remarks>
/// Why the result stays exact: the zone writes its entry in the same turn that changes its index (before the turn ends,
/// <see cref="Matching.OfficerRoster.AvailabilityChanged"/>), so a search that reads "none" reads the zone's index as
/// it was at some moment before the search, just as asking the zone would have: a search reads its zones one after
/// another in any case, never all at one instant. A zone with no entry here (not active, active on another silo, not
/// yet rebuilt after its activation) is asked as before; an entry that names an agency whose officers the search has
/// excluded costs one call that answers nothing. An entry whose zone has not swept for
/// <see cref="StaleAfter"/> (its timer should have ticked three times) is ignored, so an activation that went away
/// without removing its entry cannot hide a zone for long; the zone is then asked.
/// </remarks>
public sealed class ZoneAvailability
{
    /// <summary>An entry not touched for this long (three sweep periods) is not trusted.</summary>
    public static readonly TimeSpan StaleAfter = 3 * ZoneGrain.SweepPeriod;

    /// <summary>A table with no entries: every zone is asked (where a silo keeps none).</summary>
    public static readonly ZoneAvailability None = new();

    private readonly ConcurrentDictionary<string, Entry> _zones = new(StringComparer.Ordinal);

    /// <summary>Puts the zone's entry in the table (replacing an earlier one of the same zone); the zone keeps it up to date.</summary>
    public Entry Attach(string zoneCode, IEnumerable<string> agenciesWithAvailable, DateTimeOffset now)
    {
        var entry = new Entry(agenciesWithAvailable, now);
        _zones[zoneCode] = entry;
        return entry;
    }

    /// <summary>Takes the zone's entry out, if it is still this one.</summary>
    public void Detach(string zoneCode, Entry entry) => _zones.TryRemove(KeyValuePair.Create(zoneCode, entry));

    /// <summary>False only when this silo's active zone says, recently, that it has no available officer of the agency.</summary>
    public bool MayHaveAvailable(string zoneCode, string agency, DateTimeOffset now) =>
        !_zones.TryGetValue(zoneCode, out var entry) || now - entry.Touched > StaleAfter || entry.Has(agency);

    /// <summary>One zone's agencies with an available officer, written by the zone's turns only.</summary>
    public sealed class Entry
    {
        private readonly ConcurrentDictionary<string, bool> _agencies;
        private long _touchedTicks;

        internal Entry(IEnumerable<string> agencies, DateTimeOffset now)
        {
            _agencies = new(agencies.Select(a => KeyValuePair.Create(a, true)), StringComparer.OrdinalIgnoreCase);
            Touch(now);
        }

        public DateTimeOffset Touched => new(Interlocked.Read(ref _touchedTicks), TimeSpan.Zero);

        public bool Has(string agency) => _agencies.ContainsKey(agency);

        /// <summary>The zone's index: the agency's first available officer came (true) or its last went (false).</summary>
        public void Set(string agency, bool available)
        {
            if (available)
            {
                _agencies[agency] = true;
            }
            else
            {
                _agencies.TryRemove(agency, out _);
            }
        }

        /// <summary>The zone's sweep ran: the entry is alive.</summary>
        public void Touch(DateTimeOffset now) => Interlocked.Exchange(ref _touchedTicks, now.UtcTicks);
    }
}
