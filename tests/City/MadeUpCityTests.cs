using TangerangLive.Grains.City;
using TangerangLive.Grains.Matching;

namespace TangerangLive.Tests.City;

public class MadeUpCityTests
{
    [Fact]
    public async Task Grid_town_loads_from_data_files_and_matches_across_zone_borders()
    {
        var folder = Directory.CreateTempSubdirectory("tl-grid-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "town.city.json"), TestCities.GridTownJson);
            File.WriteAllText(Path.Combine(folder.FullName, "zones.geojson"), TestCities.GridZonesGeoJson());

            var city = CityCatalog.LoadFile(Path.Combine(folder.FullName, "town.city.json"));
            var map = ZoneMapFactory.ForCity(city);

            Assert.Equal(9, map.All.Count);
            Assert.Equal("Block 1-1", map.Get("r1c1")!.Name);
            Assert.Equal("D1", map.Get("r1c1")!.Kecamatan);
            Assert.Equal("r0c0", map.FindZone(-7.025, 110.005)!.Code);
            Assert.Equal("r2c2", map.FindZone(-7.005, 110.025)!.Code);
            Assert.Null(map.FindZone(-7.035, 110.015));

            var rosters = map.All.ToDictionary(z => z.Code, z => new OfficerRoster(z.Code, map.Metric));
            void Place(string id, string agency, double lat, double lon, bool available = true) =>
                rosters[map.FindZone(lat, lon)!.Code].Upsert(new OfficerPosition(id, agency, lat, lon, available, DateTime.UnixEpoch));

            // The report is in the centre block near its east edge; the nearest Traffic officer is
            // just across the border in the east block, nearer than the one in the same block.
            Place("t-same-block", "Traffic", -7.015, 110.011);
            Place("t-next-block", "Traffic", -7.015, 110.0201);
            Place("t-busy", "Traffic", -7.015, 110.0199, available: false);
            Place("r-roads", "Roads", -7.015, 110.0195);

            var category = city.FindCategory("jam")!;
            var result = await NearestOfficerSearch.FindAsync(
                map, -7.015, 110.019, k: 2, category.MaxRadiusMetres,
                (zone, k, max) => ValueTask.FromResult(rosters[zone].Nearest(category.Agency, -7.015, 110.019, k, max)),
                (_, _) => ValueTask.FromResult<IReadOnlyList<MatchCandidate>>([]));

            Assert.Equal(["t-next-block", "t-same-block"], result.Candidates.Select(c => c.OfficerId));
            Assert.Equal(["r1c2", "r1c1"], result.Candidates.Select(c => c.ZoneCode));
            Assert.Equal(map.Metric.DistanceMetres(-7.015, 110.019, -7.015, 110.0201), result.Candidates[0].DistanceMetres);
            Assert.InRange(result.Candidates[0].DistanceMetres, 121, 122);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Grid_town_zones_load_from_a_stream_and_write_back_as_geojson()
    {
        using var stream = TestCities.AsStream(TestCities.GridZonesGeoJson());
        var map = ZoneMapFactory.FromGeoJson(stream, "id", "label", "district");

        using var again = TestCities.AsStream(map.ToGeoJson());
        var roundTrip = ZoneMapFactory.FromGeoJson(again, "code", "name", "kecamatan");

        Assert.Equal(map.All.Select(z => (z.Code, z.Name, z.Kecamatan)), roundTrip.All.Select(z => (z.Code, z.Name, z.Kecamatan)));
        Assert.All(map.All, z => Assert.True(z.Boundary.EqualsExact(roundTrip.Get(z.Code)!.Boundary)));
    }
}
