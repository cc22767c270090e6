using System.Diagnostics;
using TangerangLive.Grains.City;
using TangerangLive.Grains.Matching;
using Xunit.Abstractions;

namespace TangerangLive.Tests.Matching;

/// <summary>
/// The zone-by-zone search must return exactly what a brute-force scan of every officer returns:
/// same ids, same order, same distances, every time; officers outside every zone (the generator puts some
/// in the margin around the city) are in the outside roster and in the brute force too.
/// </summary>
public class NearestOfficerSearchPropertyTests(ITestOutputHelper output)
{
    private static readonly string[] Agencies = ["Dishub", "DKP", "BPBD"];

    /// <summary>A new seed every run (set TANGERANG_PROPERTY_SEED to replay one); printed with every result.</summary>
    private static readonly int RunSeed = int.TryParse(Environment.GetEnvironmentVariable("TANGERANG_PROPERTY_SEED"), out var fixedSeed)
        ? fixedSeed
        : Random.Shared.Next(1, 1_000_000);

    public static TheoryData<string, int> Cities => new()
    {
        { "tangerang-built-in", 1 },
        { "voronoi-8", 2 },
        { "voronoi-40", 3 },
        { "voronoi-150", 4 },
        { "grid-town", 5 },
    };

    [Theory]
    [MemberData(nameof(Cities))]
    public async Task Zone_search_equals_brute_force_over_all_officers(string city, int seed)
    {
        var random = new Random((seed * 7919) + RunSeed);
        output.WriteLine($"run seed {RunSeed} (replay with TANGERANG_PROPERTY_SEED={RunSeed})");
        var map = city switch
        {
            "tangerang-built-in" => ZoneMapFactory.BuiltIn(),
            "grid-town" => ZoneMapFactory.FromGeoJson(City.TestCities.AsStream(City.TestCities.GridZonesGeoJson()), "id", "label"),
            _ => RandomCities.Voronoi(random, int.Parse(city["voronoi-".Length..], System.Globalization.CultureInfo.InvariantCulture)),
        };
        var officers = RandomOfficers(random, map, 4000);
        var indexed = new IndexedCity(map, officers);
        var outside = indexed.Outside;

        var watch = Stopwatch.StartNew();
        long zonesVisited = 0;
        const int Queries = 300;
        for (var q = 0; q < Queries; q++)
        {
            var (lat, lon) = RandomPoint(random, map, officers);
            var agency = Agencies[random.Next(Agencies.Length)];
            var k = random.Next(10) == 0 ? random.Next(20, 200) : random.Next(1, 8);
            var radius = random.Next(6) switch
            {
                0 => double.PositiveInfinity,
                1 => 0,
                _ => random.NextDouble() * Diagonal(map),
            };

            var expected = indexed.BruteForce(agency, lat, lon, k, radius);
            var actual = await indexed.SearchAsync(agency, lat, lon, k, radius);

            Assert.True(expected.SequenceEqual(actual.Candidates), $"run seed {RunSeed}, query {q} at ({lat:R}, {lon:R}) agency {agency} k {k} radius {radius:R}: expected [{string.Join(", ", expected)}] got [{string.Join(", ", actual.Candidates)}]");
            zonesVisited += actual.ZonesVisited;
        }

        output.WriteLine($"{city}: {map.All.Count} zones, {indexed.Count} officers placed ({outside.Count} outside every zone), {Queries} queries identical to brute force, {zonesVisited / (double)Queries:F1} zones visited per query, {watch.ElapsedMilliseconds} ms");
    }

    private static List<OfficerPosition> RandomOfficers(Random random, ZoneMap map, int count)
    {
        var box = map.GeographicBounds;
        var list = new List<OfficerPosition>(count);
        for (var i = 0; i < count; i++)
        {
            var id = $"o{random.Next(1_000_000):D6}-{i}";
            var agency = Agencies[random.Next(Agencies.Length)];
            var available = random.NextDouble() < 0.8;
            double lat, lon;
            if (list.Count > 0 && random.Next(20) == 0)
            {
                // Same spot as someone else: ties must be broken by id, as in the brute force.
                var twin = list[random.Next(list.Count)];
                (lat, lon) = (twin.Lat, twin.Lon);
            }
            else if (random.Next(30) == 0)
            {
                // On a zone vertex, where the point belongs to more than one polygon.
                var zone = map.All[random.Next(map.All.Count)];
                var vertex = zone.Boundary.Coordinates[random.Next(zone.Boundary.NumPoints)];
                (lat, lon) = (vertex.Y, vertex.X);
            }
            else
            {
                (lat, lon) = Uniform(random, box, margin: 0.05);
            }

            list.Add(new OfficerPosition(id, agency, lat, lon, available, DateTime.UnixEpoch));
        }

        return list;
    }

    private static (double Lat, double Lon) RandomPoint(Random random, ZoneMap map, List<OfficerPosition> officers)
    {
        if (random.Next(5) == 0)
        {
            var o = officers[random.Next(officers.Count)];
            return (o.Lat, o.Lon);
        }

        return Uniform(random, map.GeographicBounds, margin: random.Next(4) == 0 ? 0.5 : 0.02);
    }

    private static (double Lat, double Lon) Uniform(Random random, GeoBounds box, double margin)
    {
        var h = box.MaxLat - box.MinLat;
        var w = box.MaxLon - box.MinLon;
        return (box.MinLat - (h * margin) + (random.NextDouble() * h * (1 + (2 * margin))),
                box.MinLon - (w * margin) + (random.NextDouble() * w * (1 + (2 * margin))));
    }

    private static double Diagonal(ZoneMap map)
    {
        var b = map.GeographicBounds;
        return map.Metric.DistanceMetres(b.MinLat, b.MinLon, b.MaxLat, b.MaxLon);
    }
}
