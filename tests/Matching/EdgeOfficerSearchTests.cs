using System.Globalization;
using TangerangLive.Grains.City;
using TangerangLive.Grains.Matching;
using TangerangLive.Tests.City;
using Xunit.Abstractions;

namespace TangerangLive.Tests.Matching;

/// <summary>
/// Exact matching at the city's edge. Reports are always inside the city, many of them near its boundary; a large
/// share of the officers stands just outside every zone polygon (past the city boundary, or in a gap between two
/// polygons) and is kept in the outside roster, as the outside index grain keeps them. The search must return
/// exactly what a brute-force scan of every available officer of the agency returns: same ids, same zones (none
/// for the outside ones), same distances, same order. Fixed seeds: every run checks the same cases.
/// </summary>
public class EdgeOfficerSearchTests(ITestOutputHelper output)
{
    private static readonly string[] Agencies = ["Dishub", "DKP", "BPBD"];

    private static readonly Lazy<ZoneMap> RealKelurahan = new(() => ZoneMapFactory.FromGeoJson(SharedGeo.KelurahanGeoJson, "kode", "nama"));

    public static TheoryData<string, int> Cases => new()
    {
        { "real-kelurahan", 101 },
        { "real-kelurahan", 102 },
        { "real-kelurahan", 103 },
        { "real-kelurahan", 104 },
        { "tangerang-built-in", 201 },
        { "tangerang-built-in", 202 },
        { "tangerang-built-in", 203 },
        { "voronoi-40", 301 },
        { "voronoi-150", 302 },
        { "grid-town", 401 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Search_equals_brute_force_when_officers_stand_just_outside_the_zones(string city, int seed)
    {
        var random = new Random(seed);
        var map = city switch
        {
            "real-kelurahan" => RealKelurahan.Value,
            "tangerang-built-in" => ZoneMapFactory.BuiltIn(),
            "grid-town" => ZoneMapFactory.FromGeoJson(TestCities.AsStream(TestCities.GridZonesGeoJson()), "id", "label"),
            _ => RandomCities.Voronoi(random, int.Parse(city["voronoi-".Length..], CultureInfo.InvariantCulture)),
        };

        var officers = EdgeOfficers(random, map, 3000);
        var indexed = new IndexedCity(map, officers);
        var outside = indexed.Outside;

        const int Queries = 400;
        var outsideFirst = 0;
        var outsideAnywhere = 0;
        for (var q = 0; q < Queries; q++)
        {
            var (lat, lon) = random.Next(5) < 3 ? InsideNearTheOutside(random, map) : InsideCity(random, map);
            var agency = Agencies[random.Next(Agencies.Length)];
            var k = random.Next(10) == 0 ? random.Next(20, 100) : random.Next(1, 8);
            var radius = random.Next(6) switch
            {
                0 => double.PositiveInfinity,
                1 => 0,
                2 => random.NextDouble() * 1_000,
                _ => random.NextDouble() * 5_000,
            };

            var expected = indexed.BruteForce(agency, lat, lon, k, radius);
            var actual = await indexed.SearchAsync(agency, lat, lon, k, radius);

            Assert.True(expected.SequenceEqual(actual.Candidates), $"seed {seed}, query {q} at ({lat:R}, {lon:R}) agency {agency} k {k} radius {radius:R}: expected [{string.Join(", ", expected)}] got [{string.Join(", ", actual.Candidates)}]");
            outsideFirst += expected.Count > 0 && expected[0].ZoneCode is null ? 1 : 0;
            outsideAnywhere += expected.Any(c => c.ZoneCode is null) ? 1 : 0;
        }

        output.WriteLine($"{city} seed {seed}: {map.All.Count} zones, {indexed.Count} officers ({outside.Count} outside every zone), {Queries} queries identical to brute force; the nearest was outside in {outsideFirst}, an outside officer in the top k in {outsideAnywhere}");

        // The cases really are about the edge: outside officers are often the nearest, and must be found.
        Assert.InRange(outside.Count, indexed.Count / 4, indexed.Count);
        Assert.True(outsideFirst >= Queries / 8, $"only {outsideFirst} of {Queries} queries had an outside officer as the nearest");
    }

    /// <summary>
    /// Officers: 40 % just outside the zones (within 400 m of a polygon edge), 5 % farther out (up to 3 km), the
    /// rest anywhere in and around the city, with twins (ties broken by id) and officers on zone vertices.
    /// </summary>
    private static List<OfficerPosition> EdgeOfficers(Random random, ZoneMap map, int count)
    {
        var list = new List<OfficerPosition>(count);
        for (var i = 0; i < count; i++)
        {
            var roll = random.Next(100);
            var (lat, lon) = roll switch
            {
                < 40 => NearEdge(random, map, maxMetres: 400, inside: false),
                < 45 => NearEdge(random, map, maxMetres: 3_000, inside: false),
                < 50 when list.Count > 0 => TwinOf(list[random.Next(list.Count)]),
                < 53 => OnVertex(random, map),
                < 70 => NearEdge(random, map, maxMetres: 400, inside: true),
                _ => InsideOrAround(random, map),
            };
            list.Add(new OfficerPosition($"o{random.Next(1_000_000):D6}-{i}", Agencies[random.Next(Agencies.Length)], lat, lon, random.NextDouble() < 0.8, DateTime.UnixEpoch));
        }

        return list;
    }

    private static (double Lat, double Lon) TwinOf(OfficerPosition officer) => (officer.Lat, officer.Lon);

    /// <summary>A point within maxMetres of a random point on a zone's boundary, inside some zone or outside all.</summary>
    private static (double Lat, double Lon) NearEdge(Random random, ZoneMap map, double maxMetres, bool inside)
    {
        while (true)
        {
            var zone = map.All[random.Next(map.All.Count)];
            var ring = zone.Boundary.Coordinates;
            var i = random.Next(ring.Length - 1);
            var t = random.NextDouble();
            var a = map.Metric.Project(ring[i].Y, ring[i].X);
            var b = map.Metric.Project(ring[i + 1].Y, ring[i + 1].X);
            var angle = random.NextDouble() * 2 * Math.PI;
            var d = random.NextDouble() * maxMetres;
            var (lat, lon) = map.Metric.Unproject(a.X + (t * (b.X - a.X)) + (d * Math.Cos(angle)), a.Y + (t * (b.Y - a.Y)) + (d * Math.Sin(angle)));
            if (map.Contains(lat, lon) == inside)
            {
                return (lat, lon);
            }
        }
    }

    /// <summary>A point inside the city within 300 m of a point outside every zone (near the boundary, or a gap).</summary>
    private static (double Lat, double Lon) InsideNearTheOutside(Random random, ZoneMap map)
    {
        while (true)
        {
            var (outLat, outLon) = NearEdge(random, map, maxMetres: 100, inside: false);
            var from = map.Metric.Project(outLat, outLon);
            for (var attempt = 0; attempt < 20; attempt++)
            {
                var angle = random.NextDouble() * 2 * Math.PI;
                var d = random.NextDouble() * 300;
                var (lat, lon) = map.Metric.Unproject(from.X + (d * Math.Cos(angle)), from.Y + (d * Math.Sin(angle)));
                if (map.Contains(lat, lon))
                {
                    return (lat, lon);
                }
            }
        }
    }

    private static (double Lat, double Lon) OnVertex(Random random, ZoneMap map)
    {
        var zone = map.All[random.Next(map.All.Count)];
        var vertex = zone.Boundary.Coordinates[random.Next(zone.Boundary.NumPoints)];
        return (vertex.Y, vertex.X);
    }

    private static (double Lat, double Lon) InsideCity(Random random, ZoneMap map)
    {
        while (true)
        {
            var (lat, lon) = InsideOrAround(random, map);
            if (map.Contains(lat, lon))
            {
                return (lat, lon);
            }
        }
    }

    private static (double Lat, double Lon) InsideOrAround(Random random, ZoneMap map)
    {
        var box = map.GeographicBounds;
        var h = box.MaxLat - box.MinLat;
        var w = box.MaxLon - box.MinLon;
        return (box.MinLat - (h * 0.05) + (random.NextDouble() * h * 1.1), box.MinLon - (w * 0.05) + (random.NextDouble() * w * 1.1));
    }
}
