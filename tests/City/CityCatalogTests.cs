using TangerangLive.Grains.City;

namespace TangerangLive.Tests.City;

public class CityCatalogTests
{
    [Fact]
    public void Built_in_city_is_Kota_Tangerang_in_Jakarta_time_with_six_agencies()
    {
        var city = CityCatalog.LoadBuiltIn();

        Assert.Equal("kota-tangerang", city.Id);
        Assert.Equal("Asia/Jakarta", city.TimeZone);
        Assert.Equal(TimeSpan.FromHours(7), city.FindTimeZone().BaseUtcOffset);
        Assert.Equal(["Dishub", "DBMSDA", "DKP", "SatpolPP", "BPBD", "Dinkes"], city.Agencies.Select(a => a.Code));
        Assert.False(city.FindAgency("Dinkes")!.Dispatches);
        Assert.All(city.Agencies.Where(a => a.Code != "Dinkes"), a => Assert.True(a.Dispatches));
        Assert.Equal(new GeoBounds(-6.2561, 106.5526, -6.0971, 106.7472), city.BoundingBox);
        Assert.Equal(ZoneSourceDefinition.BuiltIn, city.Zones.Source);
    }

    [Fact]
    public void Built_in_categories_name_their_agencies()
    {
        var city = CityCatalog.LoadBuiltIn();

        Assert.Equal("Dishub", city.FindCategory("traffic-jam")!.Agency);
        Assert.Equal("DBMSDA", city.FindCategory("flood")!.Agency);
        Assert.Equal("DKP", city.FindCategory("garbage")!.Agency);
        Assert.Equal("SatpolPP", city.FindCategory("street-vendor")!.Agency);
        Assert.Equal("BPBD", city.FindCategory("fire")!.Agency);
        Assert.Equal("Dinkes", city.FindCategory("hospital-room")!.Agency);
        Assert.Equal(1, city.FindCategory("fire")!.Priority);
        Assert.Equal(TimeSpan.FromSeconds(30), city.FindCategory("fire")!.AckDeadline);
    }

    [Fact]
    public void Built_in_shifts_are_three_eight_hour_WIB_shifts_and_Malam_crosses_midnight()
    {
        var shifts = CityCatalog.LoadBuiltIn().Shifts;

        Assert.Equal(["Pagi", "Siang", "Malam"], shifts.Select(s => s.Name));
        Assert.Equal([new TimeOnly(6, 0), new TimeOnly(14, 0), new TimeOnly(22, 0)], shifts.Select(s => s.StartTime));
        Assert.All(shifts, s => Assert.Equal(TimeSpan.FromHours(8), s.Duration));
        Assert.Equal([false, false, true], shifts.Select(s => s.CrossesMidnight));
    }

    [Fact]
    public void Built_in_policies_have_the_documented_defaults()
    {
        var city = CityCatalog.LoadBuiltIn();

        Assert.Equal(90, city.Liveness.OfflineThresholdSeconds);
        Assert.Equal(LivenessPolicy.DefaultOfflineThresholdSeconds, city.Liveness.OfflineThresholdSeconds);
        Assert.Equal(0.9, city.Attendance.PresentCoverage);
        Assert.Equal(0.5, city.Attendance.PartialCoverage);
        Assert.True(city.Attendance.HonorariumDailyRateIdr > 0);
        Assert.Equal(100, city.Duplicates.RadiusMetres);
        Assert.Equal(60, city.Duplicates.WindowMinutes);
    }

    [Fact]
    public void Load_file_resolves_a_relative_boundary_path_against_the_city_file()
    {
        var folder = Directory.CreateTempSubdirectory("tl-city-");
        try
        {
            var path = Path.Combine(folder.FullName, "town.city.json");
            File.WriteAllText(path, TestCities.GridTownJson);

            var city = CityCatalog.LoadFile(path);

            Assert.Equal(Path.Combine(folder.FullName, "zones.geojson"), city.Zones.Path);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
