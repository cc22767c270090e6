using TangerangLive.Grains.City;
using TangerangLive.Grains.Matching;

namespace TangerangLive.Tests.Matching;

/// <summary>
/// Zones are asked in waves (1, 2, 4, 4, ... at once), each wave's answers all in before the next is asked, and the
/// result is the brute force's. The zone answers here arrive asynchronously, as grain calls do.
/// </summary>
public sealed class SearchWaveTests
{
    [Fact]
    public async Task A_search_through_many_zones_asks_them_in_growing_waves_and_finds_the_brute_forces_officers()
    {
        var map = ZoneMapFactory.BuiltIn();
        var random = new Random(18);
        var box = map.GeographicBounds;

        // Few officers of the agency, so a search walks many zones before three are found.
        var officers = Enumerable.Range(0, 12)
            .Select(i => new OfficerPosition($"o{i:D2}", "DKP", box.MinLat + (random.NextDouble() * (box.MaxLat - box.MinLat)),
                box.MinLon + (random.NextDouble() * (box.MaxLon - box.MinLon)), true, DateTime.UtcNow))
            .Where(o => map.FindZone(o.Lat, o.Lon) is not null)
            .ToList();
        var city = new IndexedCity(map, officers);
        var rosters = map.All.ToDictionary(z => z.Code, z => new OfficerRoster(z.Code, map.Metric));
        foreach (var o in officers)
        {
            rosters[map.FindZone(o.Lat, o.Lon)!.Code].Upsert(o);
        }

        var (lat, lon) = (box.MinLat + ((box.MaxLat - box.MinLat) * 0.5), box.MinLon + ((box.MaxLon - box.MinLon) * 0.5));
        var waves = new List<int>();
        var inFlight = 0;
        var result = await NearestOfficerSearch.FindAsync(
            map, lat, lon, 3, double.PositiveInfinity,
            async (zone, k, max) =>
            {
                // A new wave starts when nothing is in flight; the calls of one wave are all asked before any answers.
                if (Interlocked.Increment(ref inFlight) == 1)
                {
                    waves.Add(0);
                }

                waves[^1]++;
                await Task.Delay(1);
                Interlocked.Decrement(ref inFlight);
                return rosters[zone].Nearest("DKP", lat, lon, k, max);
            },
            (k, max) => ValueTask.FromResult<IReadOnlyList<MatchCandidate>>([]));

        Assert.Equal(city.BruteForce("DKP", lat, lon, 3, double.PositiveInfinity).Select(c => c.OfficerId), result.Candidates.Select(c => c.OfficerId));
        Assert.True(result.ZonesVisited >= 8, $"the search should walk many zones ({result.ZonesVisited})");
        Assert.Equal([1, 2, 4], waves.Take(3));
        Assert.All(waves, size => Assert.InRange(size, 1, NearestOfficerSearch.MaxWave));
        Assert.Equal(result.ZonesVisited, waves.Sum());
    }
}
