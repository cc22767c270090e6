namespace TangerangLive.Silo.Database;

/// <summary>Settings of the private PostgreSQL the silo starts when no connection string is configured.</summary>
public sealed class EmbeddedPostgresOptions
{
    public const string Section = "Database:Embedded";

    /// <summary>Folder holding the cluster (data/), its password and its log. Kept between runs.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Loopback TCP port the private server listens on.</summary>
    public int Port { get; set; } = 55432;

    /// <summary>Folder with initdb, postgres and pg_ctl; found automatically when empty.</summary>
    public string? BinDirectory { get; set; }

    /// <summary>Operating-system user that runs the server when the silo runs as root.</summary>
    public string RunAsUser { get; set; } = "postgres";

    /// <summary>Database the silo uses inside the private server.</summary>
    public string Database { get; set; } = "tangerang";

    /// <summary>Seconds to wait for the server to accept connections.</summary>
    public int StartTimeoutSeconds { get; set; } = 60;

    internal string ResolveDataDirectory()
    {
        if (!string.IsNullOrWhiteSpace(DataDirectory))
        {
            return Path.GetFullPath(DataDirectory);
        }

        // PostgreSQL runs as another user when we are root, and that user cannot enter /root.
        if (ProcessUser.IsRoot)
        {
            return "/var/lib/tangerang-live/postgres";
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return Path.Combine(home, "tangerang-live", "postgres");
    }
}
