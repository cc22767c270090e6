using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TangerangLive.Silo.Database;

namespace TangerangLive.Tests.Infrastructure;

/// <summary>
/// One real PostgreSQL for the whole test run: a private server started from the machine's binaries
/// on a free loopback port in a temporary folder (the same code the silo uses for its embedded default),
/// or an existing server named by TANGERANG_TEST_POSTGRES. Each test class takes a fresh database.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<Task<string>> AdminConnection = new(StartAsync);
    private static int _databaseCounter;

    /// <summary>Creates an empty database with every migration applied and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        var name = $"t_{purpose.ToLowerInvariant()}_{Environment.ProcessId}_{Interlocked.Increment(ref _databaseCounter)}";
        var admin = await AdminConnection.Value;
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        await new MigrationRunner(NullLogger<MigrationRunner>.Instance).ApplyAsync(connectionString);
        return connectionString;
    }

    /// <summary>Creates an empty database with no migrations.</summary>
    public static async Task<string> CreateEmptyDatabaseAsync(string purpose)
    {
        var name = $"e_{purpose.ToLowerInvariant()}_{Environment.ProcessId}_{Interlocked.Increment(ref _databaseCounter)}";
        var admin = await AdminConnection.Value;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>Starts a private server of its own, for tests that stop and start the database.</summary>
    public static Task<EmbeddedPostgres> StartPrivateAsync() =>
        EmbeddedPostgres.StartAsync(
            new EmbeddedPostgresOptions { DataDirectory = TempDirectory(), Port = FreePort.Next(), Database = "tangerang" },
            NullLogger.Instance);

    private static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("TANGERANG_TEST_POSTGRES") is { Length: > 0 } configured)
        {
            return configured;
        }

        var server = await StartPrivateAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            server.StopServerAsync().GetAwaiter().GetResult();
            TryDelete(server.Root);
        };
        return server.AdminConnectionString;
    }

    internal static string TempDirectory()
    {
        SweepLeftovers();
        var path = Path.Combine(Path.GetTempPath(), $"tl-test-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static int _swept;

    /// <summary>
    /// Deletes the data directories earlier test runs left behind (once per process): the test host is usually ended
    /// before its exit handler has stopped the server and deleted the directory, and each run left about 130 MB in the
    /// temporary folder (449 of them filled a developer's disk). A directory is removed only when the test process
    /// that made it (its name carries the id) and the server that used it (postmaster.pid) are both gone.
    /// </summary>
    private static void SweepLeftovers()
    {
        if (Interlocked.Exchange(ref _swept, 1) == 1)
        {
            return;
        }

        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), "tl-test-pg-*"))
        {
            var parts = Path.GetFileName(directory).Split('-');
            if (parts.Length >= 5 && int.TryParse(parts[3], out var owner) && !IsRunning(owner) && !ServerRunning(directory))
            {
                TryDelete(directory);
            }
        }
    }

    /// <summary>True when the directory's postmaster.pid names a process that is still running.</summary>
    private static bool ServerRunning(string directory)
    {
        foreach (var pidFile in new[] { Path.Combine(directory, "data", "postmaster.pid"), Path.Combine(directory, "postmaster.pid") })
        {
            try
            {
                if (File.Exists(pidFile) && File.ReadLines(pidFile).FirstOrDefault() is { } first && int.TryParse(first.Trim(), out var pid) && IsRunning(pid))
                {
                    return true;
                }
            }
            catch (IOException)
            {
                return true; // unreadable now: leave it
            }
        }

        return false;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    internal static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
