using TangerangLive.Grains.City;

namespace TangerangLive.LoadTest.Run;

/// <summary>
/// The simulated officers: who they are (agency shares like a city's field services), where they start
/// and where they go next (mostly within their zone, now and then into a nearby zone).
/// </summary>
internal sealed class Fleet
{
    /// <summary>Share of field officers per agency; agencies the city does not list are dropped, unknown ones get the smallest share.</summary>
    private static readonly Dictionary<string, double> AgencyShares = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Dishub"] = 0.30, ["SatpolPP"] = 0.20, ["DKP"] = 0.25, ["DBMSDA"] = 0.15, ["BPBD"] = 0.10,
    };

    private const double NearbyZoneMetres = 3_000;
    private const double CrossZoneChance = 0.25;
    private readonly CityMap _map;
    private readonly Dictionary<string, MapZone[]> _nearby;

    public Fleet(CityMap map, IReadOnlyList<string> agencies, RunOptions options, string runId)
    {
        _map = map;
        _nearby = map.Zones.ToDictionary(z => z.Code, z => map.Zones.Where(o => o != z && CentreDistance(z, o) < NearbyZoneMetres).ToArray(), StringComparer.Ordinal);
        var shares = agencies.Select(a => (Agency: a, Share: AgencyShares.GetValueOrDefault(a, 0.05))).ToArray();
        var total = shares.Sum(s => s.Share);
        var officers = new SimOfficer[options.Officers];
        var hubCut = options.EffectiveHubFraction;
        for (var i = 0; i < officers.Length; i++)
        {
            var random = SimRandom.Seed(options.Seed, 1_000_000 + i);
            var pick = SimRandom.NextDouble(ref random) * total;
            var agency = shares[^1].Agency;
            foreach (var (name, share) in shares)
            {
                if ((pick -= share) < 0)
                {
                    agency = name;
                    break;
                }
            }

            var osmAnd = SimRandom.NextDouble(ref random) < options.OsmAndFraction;
            var motorbike = SimRandom.NextDouble(ref random) < 0.6;
            var officer = new SimOfficer(i, $"lt-{runId}-{i:D6}", agency, osmAnd, motorbike, random);
            var zone = map.Zones[(int)(SimRandom.NextDouble(ref officer.Random) * map.Zones.Count)];
            var (lat, lon) = PointIn(zone, ref officer.Random);
            officer.Place(lat, lon, SimRandom.Between(ref officer.Random, 40, 100));
            officers[i] = officer;
        }

        Officers = officers;
        WantsHub = i => Spread(i, hubCut);
        ByAgency = officers.GroupBy(o => o.Agency, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    public IReadOnlyList<SimOfficer> Officers { get; }

    public IReadOnlyDictionary<string, SimOfficer[]> ByAgency { get; }

    /// <summary>Whether officer <c>i</c> keeps a hub connection (spread evenly over the fleet).</summary>
    public Func<int, bool> WantsHub { get; }

    /// <summary>Picks the officer's next destination: a point in their zone, or now and then in a nearby one.</summary>
    public void NextDestination(SimOfficer officer)
    {
        var here = _map.ZoneAt(officer.Lat, officer.Lon) ?? _map.Zones[0];
        var nearby = _nearby[here.Code];
        var zone = nearby.Length > 0 && SimRandom.NextDouble(ref officer.Random) < CrossZoneChance
            ? nearby[(int)(SimRandom.NextDouble(ref officer.Random) * nearby.Length)]
            : here;
        var (lat, lon) = PointIn(zone, ref officer.Random);
        officer.Head(lat, lon);
    }

    /// <summary>True for round(n x fraction) of the first n indexes, evenly spaced.</summary>
    private static bool Spread(int i, double fraction) => Math.Floor((i + 1) * fraction) > Math.Floor(i * fraction);

    private static (double Lat, double Lon) PointIn(MapZone zone, ref ulong random)
    {
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            var lat = SimRandom.Between(ref random, zone.MinLat, zone.MaxLat);
            var lon = SimRandom.Between(ref random, zone.MinLon, zone.MaxLon);
            if (zone.Contains(lat, lon))
            {
                return (lat, lon);
            }
        }

        return (zone.Rings[0][0][1], zone.Rings[0][0][0]);
    }

    private static double CentreDistance(MapZone a, MapZone b) =>
        Geodesy.HaversineMetres((a.MinLat + a.MaxLat) / 2, (a.MinLon + a.MaxLon) / 2, (b.MinLat + b.MaxLat) / 2, (b.MinLon + b.MaxLon) / 2);
}
