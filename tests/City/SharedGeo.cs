namespace TangerangLive.Tests.City;

/// <summary>
/// Finds the shared reference data (../shared/geo beside the repository): TANGERANG_SHARED when
/// set, otherwise the 'shared' folder beside the folder holding TangerangLive.sln.
/// </summary>
internal static class SharedGeo
{
    public static string Folder { get; } = Locate();

    public static string KelurahanGeoJson => Path.Combine(Folder, "geo", "kota_tangerang_kelurahan.geojson");

    public static string CityGeoJson => Path.Combine(Folder, "geo", "kota_tangerang_kota.geojson");

    private static string Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("TANGERANG_SHARED");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TangerangLive.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
            }
        }

        throw new DirectoryNotFoundException("TangerangLive.sln not found above " + AppContext.BaseDirectory + "; set TANGERANG_SHARED.");
    }
}
