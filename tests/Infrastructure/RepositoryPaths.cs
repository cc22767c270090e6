namespace TangerangLive.Tests.Infrastructure;

/// <summary>Finds the repository and the shared folder beside it.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>../shared beside the repository, or TANGERANG_SHARED.</summary>
    public static string Shared =>
        Environment.GetEnvironmentVariable("TANGERANG_SHARED") is { Length: > 0 } configured
            ? configured
            : Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>Debug or Release, whichever built this test assembly.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string SiloAssembly => Path.Combine(Root, "silo", "bin", Configuration, "net10.0", "TangerangLive.Silo.dll");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TangerangLive.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException($"No TangerangLive.sln above {AppContext.BaseDirectory}");
    }
}
