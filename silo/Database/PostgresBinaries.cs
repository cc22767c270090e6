namespace TangerangLive.Silo.Database;

/// <summary>Finds the PostgreSQL server programs installed on this machine.</summary>
internal sealed record PostgresBinaries(string BinDirectory)
{
    public const string InstallHint =
        "PostgreSQL server programs (initdb, postgres, pg_ctl) were not found. Install them " +
        "(Debian/Ubuntu: apt-get install postgresql; Fedora: dnf install postgresql-server; macOS: brew install postgresql), " +
        "or set Database:Embedded:BinDirectory to the folder that holds them, " +
        "or set ConnectionStrings:Postgres (env ConnectionStrings__Postgres) to an existing PostgreSQL server.";

    public string InitDb => Path.Combine(BinDirectory, "initdb");

    public string Postgres => Path.Combine(BinDirectory, "postgres");

    public string PgCtl => Path.Combine(BinDirectory, "pg_ctl");

    public static PostgresBinaries Locate(string? configured)
    {
        foreach (var candidate in Candidates(configured))
        {
            if (File.Exists(Path.Combine(candidate, "initdb")) && File.Exists(Path.Combine(candidate, "postgres")))
            {
                return new PostgresBinaries(candidate);
            }
        }

        throw new EmbeddedPostgresException(InstallHint);
    }

    private static IEnumerable<string> Candidates(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            yield return configured;
            yield break;
        }

        // Debian and Ubuntu keep each major version apart; prefer the newest.
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var versions = Directory.GetDirectories(debianRoot)
                .Select(d => (Dir: d, Major: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .OrderByDescending(x => x.Major);
            foreach (var (dir, _) in versions)
            {
                yield return Path.Combine(dir, "bin");
            }
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            yield return dir;
        }

        yield return "/usr/pgsql/bin";
        yield return "/opt/homebrew/bin";
        yield return "/usr/local/pgsql/bin";
    }
}
