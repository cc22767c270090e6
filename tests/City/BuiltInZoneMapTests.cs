using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;
using TangerangLive.Grains.City;

namespace TangerangLive.Tests.City;

public class BuiltInZoneMapTests
{
    private static readonly ZoneMap Map = ZoneMapFactory.BuiltIn();
    private static readonly IReadOnlyList<ZoneFact> Facts = ZoneFacts.LoadBuiltIn();

    [Fact]
    public void Built_in_facts_list_104_kelurahan_in_13_kecamatan()
    {
        Assert.Equal(104, Facts.Count);
        Assert.Equal(104, Facts.Select(f => f.Code).Distinct().Count());
        Assert.Equal(13, Facts.Select(f => f.KecamatanCode).Distinct().Count());
        Assert.All(Facts, f => Assert.StartsWith(f.KecamatanCode + ".", f.Code, StringComparison.Ordinal));
        Assert.All(Facts, f => Assert.True(f.Bounds.Contains(f.CentroidLat, f.CentroidLon), f.Code));
    }

    [Fact]
    public void Built_in_map_has_104_zones_and_each_centroid_lies_in_its_own_zone()
    {
        Assert.Equal(104, Map.All.Count);
        Assert.All(Facts, f => Assert.Equal(f.Code, Map.FindZone(f.CentroidLat, f.CentroidLon)?.Code));
        Assert.Equal("Sukarasa", Map.Get("36.71.01.1001")!.Name);
        Assert.Equal("Tangerang", Map.Get("36.71.01.1001")!.Kecamatan);
    }

    [Theory]
    [InlineData(FactZoneLayout.BoxConstrainedVoronoi)]
    [InlineData(FactZoneLayout.Voronoi)]
    public void Built_in_zones_cover_the_outline_without_overlap(FactZoneLayout layout)
    {
        var map = ZoneMapFactory.BuiltIn(layout);
        var factory = new GeometryFactory();
        var outline = VoronoiZonesOutline(factory);
        Assert.Equal(104, map.All.Count);
        Assert.All(Facts, f => Assert.Equal(f.Code, map.FindZone(f.CentroidLat, f.CentroidLon)?.Code));
        var planes = map.All.Select(z => Map.Metric.Project(z.Boundary)).ToList();
        var sum = planes.Sum(p => p.Area);
        var union = UnaryUnionOp.Union(planes);

        // Areas in m²; 1 m² of slack for the round trip through degrees.
        Assert.Equal(outline.Area, sum, 1.0);
        Assert.Equal(outline.Area, union.Area, 1.0);
        Assert.InRange(outline.Area / 1e6, 176, 260);
    }

    [Fact]
    public void Points_outside_the_bounding_box_are_outside_the_city()
    {
        var box = Map.GeographicBounds;
        Assert.Equal(
            new GeoBounds(Facts.Min(f => f.Bounds.MinLat), Facts.Min(f => f.Bounds.MinLon), Facts.Max(f => f.Bounds.MaxLat), Facts.Max(f => f.Bounds.MaxLon)),
            box);
        Assert.Null(Map.FindZone(box.MinLat - 0.0001, 106.65));
        Assert.Null(Map.FindZone(box.MaxLat + 0.0001, 106.65));
        Assert.Null(Map.FindZone(-6.18, box.MinLon - 0.0001));
        Assert.Null(Map.FindZone(-6.18, box.MaxLon + 0.0001));
        Assert.False(Map.Contains(999, 106.65));
        Assert.False(Map.Contains(double.NaN, 106.65));
        Assert.True(Map.Contains(-6.1844, 106.6520));
    }

    [Fact]
    public void Zones_by_distance_starts_with_the_containing_zone_at_zero_and_never_decreases()
    {
        var ordered = Map.ZonesByDistance(-6.1729, 106.6319);

        Assert.Equal(104, ordered.Count);
        Assert.Equal("36.71.01.1001", ordered[0].Zone.Code);
        Assert.Equal(0, ordered[0].DistanceMetres);
        Assert.True(ordered.Zip(ordered.Skip(1)).All(p => p.First.DistanceMetres <= p.Second.DistanceMetres));
        Assert.True(ordered[1].DistanceMetres < ordered[^1].DistanceMetres);
    }

    [Fact]
    public void Zone_distances_from_outside_the_city_are_positive_lower_bounds_of_point_distances()
    {
        var ordered = Map.ZonesByDistance(-6.30, 106.65);

        Assert.All(ordered, z => Assert.True(z.DistanceMetres > 0));
        Assert.All(ordered, z => Assert.True(
            z.DistanceMetres <= Map.Metric.DistanceMetres(-6.30, 106.65, z.Zone.CentroidLat, z.Zone.CentroidLon)));
    }

    [Fact]
    public void Local_metric_agrees_with_haversine_within_half_a_percent_across_the_city()
    {
        var metric = Map.Metric;
        var local = metric.DistanceMetres(-6.2561, 106.5526, -6.0971, 106.7472);
        var great = Geodesy.HaversineMetres(-6.2561, 106.5526, -6.0971, 106.7472);

        Assert.InRange(local / great, 0.995, 1.005);
        Assert.InRange(great, 27_000, 29_000);
    }

    [Fact]
    public void Geojson_of_the_built_in_map_has_one_feature_per_zone_with_code_and_name()
    {
        using var stream = TestCities.AsStream(Map.ToGeoJson());
        var again = ZoneMapFactory.FromGeoJson(stream, "code", "name", "kecamatan");

        Assert.Equal(Map.All.Select(z => (z.Code, z.Name, z.Kecamatan)), again.All.Select(z => (z.Code, z.Name, z.Kecamatan)));
    }

    private static Geometry VoronoiZonesOutline(GeometryFactory factory) =>
        UnaryUnionOp.Union(Facts.Select(f => factory.ToGeometry(new Envelope(
            Map.Metric.Project(f.Bounds.MinLat, f.Bounds.MinLon),
            Map.Metric.Project(f.Bounds.MaxLat, f.Bounds.MaxLon)))).ToList());
}
