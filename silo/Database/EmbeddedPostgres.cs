using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace TangerangLive.Silo.Database;

/// <summary>
/// A private PostgreSQL server for the silos of this machine: loopback only, data kept between runs. Every silo
/// using it writes its process id into the data folder's <c>users</c> file; a second silo on the same data folder
/// shares the running server. A watchdog shell beside the server stops it once no process in that file is alive,
/// however the silos died, and a silo that stops cleanly stops the server only when it was the last user. A later
/// start stops any server that killed silos left behind.
/// </summary>
public sealed partial class EmbeddedPostgres : IAsyncDisposable
{
    private const string SuperUser = "tangerang";

    // Runs the server, and stops it (fast shutdown) when no process listed in the users file is alive, or on TERM.
    private const string WatchdogScript = """
        users=$1; log=$2; shift 2
        "$@" >>"$log" 2>&1 &
        pg=$!
        stop() { kill -INT "$pg" 2>/dev/null; wait "$pg"; exit 0; }
        trap stop TERM INT HUP
        anyone() { for p in $(cat "$users" 2>/dev/null); do kill -0 "$p" 2>/dev/null && return 0; done; return 1; }
        while anyone && kill -0 "$pg" 2>/dev/null; do sleep 1 & wait $!; done
        kill -INT "$pg" 2>/dev/null
        wait "$pg"
        """;

    private readonly EmbeddedPostgresOptions _options;
    private readonly ILogger _logger;
    private readonly PostgresBinaries _binaries;
    private readonly ServerAccount _account;
    private readonly string _root;
    private readonly ServerUsers _users;
    private Process? _watchdog;

    private EmbeddedPostgres(EmbeddedPostgresOptions options, ILogger logger, PostgresBinaries binaries, ServerAccount account, string root, string password)
    {
        _options = options;
        _logger = logger;
        _binaries = binaries;
        _account = account;
        _root = root;
        _users = new ServerUsers(Path.Combine(root, "users"));
        ConnectionString = Build(options.Database, password);
        AdminConnectionString = Build("postgres", password);

        string Build(string database, string pw) => new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = options.Port,
            Username = SuperUser,
            Password = pw,
            Database = database,
            MaxPoolSize = 60,
        }.ConnectionString;
    }

    /// <summary>Connection string of the silo's database on the private server.</summary>
    public string ConnectionString { get; }

    /// <summary>Connection string of the server's maintenance database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>Folder with the data, the password and the server log.</summary>
    public string Root => _root;

    private string DataDirectory => Path.Combine(_root, "data");

    private string LogFile => Path.Combine(_root, "postgres.log");

    /// <summary>Prepares (first run) and starts the private server, or adopts one another live silo started.</summary>
    public static async Task<EmbeddedPostgres> StartAsync(EmbeddedPostgresOptions options, ILogger logger, CancellationToken cancellationToken = default)
    {
        var binaries = PostgresBinaries.Locate(options.BinDirectory);
        var account = await ServerAccount.ResolveAsync(options.RunAsUser, cancellationToken);
        var root = options.ResolveDataDirectory();
        Directory.CreateDirectory(root);
        await account.TakeOwnershipAsync(root, cancellationToken);
        var password = await EnsureClusterAsync(root, binaries, account, cancellationToken);

        var server = new EmbeddedPostgres(options, logger, binaries, account, root, password);
        await server.StartServerAsync(cancellationToken);
        await server.EnsureDatabaseAsync(cancellationToken);
        return server;
    }

    /// <summary>Starts the server (again). Used at start-up, and by tests that take the database away.</summary>
    public async Task StartServerAsync(CancellationToken cancellationToken = default)
    {
        if (await TryAdoptRunningServerAsync(cancellationToken))
        {
            return;
        }

        if (await PortInUseAsync(_options.Port))
        {
            throw new EmbeddedPostgresException(
                $"Port {_options.Port} on 127.0.0.1 is taken by another program, so the private PostgreSQL cannot listen there. " +
                "Set Database:Embedded:Port to a free port, or set ConnectionStrings:Postgres to use that server.");
        }

        // Listed before the watchdog starts, or it would find nobody alive and stop the server at once.
        _users.Add(Environment.ProcessId);
        var server = _account.Wrap(
            _binaries.Postgres, "-D", DataDirectory, "-p", _options.Port.ToString(CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=600",
            "-c", "logging_collector=off");
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var arg in (string[])["sh", "-c", WatchdogScript, "tl-postgres-watchdog", _users.Path, LogFile, .. server])
        {
            info.ArgumentList.Add(arg);
        }

        _watchdog = Process.Start(info) ?? throw new EmbeddedPostgresException("Could not start the PostgreSQL watchdog.");
        await WaitUntilAcceptingAsync(cancellationToken);
        LogStarted(_logger, _options.Port, _root);
    }

    /// <summary>
    /// This silo stops using the server; when no other live silo of this machine uses it, the server stops with a
    /// fast shutdown and this waits for it to exit.
    /// </summary>
    public async Task StopServerAsync(CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(DataDirectory))
        {
            // Already stopped and its folder removed (a second stop, e.g. a dispose after an explicit stop).
            _watchdog?.Dispose();
            _watchdog = null;
            return;
        }

        var others = _users.Remove(Environment.ProcessId);
        if (others.Count > 0)
        {
            LogLeftRunning(_logger, _options.Port, string.Join(", ", others));
            _watchdog?.Dispose();
            _watchdog = null;
            return;
        }

        var stop = await CommandRunner.RunAsync(_account.Wrap(_binaries.PgCtl, "stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60"), cancellationToken);
        if (!stop.Succeeded)
        {
            LogStopFailed(_logger, stop.Output.Trim());
        }

        if (_watchdog is { } watchdog)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                await watchdog.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                watchdog.Kill(entireProcessTree: true);
            }

            watchdog.Dispose();
            _watchdog = null;
        }

        LogStopped(_logger, _options.Port);
    }

    public async ValueTask DisposeAsync() => await StopServerAsync();

    private static async Task<string> EnsureClusterAsync(string root, PostgresBinaries binaries, ServerAccount account, CancellationToken cancellationToken)
    {
        var passwordFile = Path.Combine(root, "password");
        var data = Path.Combine(root, "data");
        if (File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            if (!File.Exists(passwordFile))
            {
                throw new EmbeddedPostgresException(
                    $"The private PostgreSQL data in {data} has no password file ({passwordFile}). Restore it, or delete {root} to start afresh.");
            }

            return (await File.ReadAllTextAsync(passwordFile, cancellationToken)).Trim();
        }

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        await account.TakeOwnershipAsync(passwordFile, cancellationToken);

        var init = await CommandRunner.RunAsync(
            account.Wrap(binaries.InitDb, "-D", data, "-U", SuperUser, "--pwfile", passwordFile,
                "--auth-host=scram-sha-256", "--auth-local=scram-sha-256", "-E", "UTF8", "--locale=C"),
            cancellationToken);
        if (!init.Succeeded)
        {
            throw new EmbeddedPostgresException($"initdb failed for {data}:{Environment.NewLine}{init.Output}");
        }

        return password;
    }

    private async Task<bool> TryAdoptRunningServerAsync(CancellationToken cancellationToken)
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile) || !IsAlive(ReadFirstInt(pidFile)))
        {
            return false;
        }

        var users = _users.Alive(except: Environment.ProcessId);
        if (users.Count > 0)
        {
            // Other live silos on this machine use the server: share it; whoever stops last stops it.
            _users.Add(Environment.ProcessId);
            LogAdopted(_logger, string.Join(", ", users), _options.Port);
            await WaitUntilAcceptingAsync(cancellationToken);
            return true;
        }

        // Left behind by a silo that was killed: stop it cleanly and start our own.
        LogOrphan(_logger, _root);
        var stop = await CommandRunner.RunAsync(_account.Wrap(_binaries.PgCtl, "stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60"), cancellationToken);
        if (!stop.Succeeded)
        {
            throw new EmbeddedPostgresException($"A PostgreSQL left running in {DataDirectory} could not be stopped: {stop.Output.Trim()}");
        }

        return false;
    }

    private async Task WaitUntilAcceptingAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(_options.StartTimeoutSeconds);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString + ";Timeout=2;Pooling=false");
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline && _watchdog is not { HasExited: true })
            {
                await Task.Delay(200, cancellationToken);
            }
            catch (NpgsqlException ex)
            {
                var log = File.Exists(LogFile) ? string.Join(Environment.NewLine, (await File.ReadAllLinesAsync(LogFile, cancellationToken)).TakeLast(15)) : "(no log)";
                throw new EmbeddedPostgresException($"The private PostgreSQL on port {_options.Port} did not start. Last lines of {LogFile}:{Environment.NewLine}{log}", ex);
            }
        }
    }

    private async Task EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", _options.Database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }

        try
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_options.Database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another silo created it at the same moment.
        }
    }

    private static async Task<bool> PortInUseAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port).WaitAsync(TimeSpan.FromSeconds(1));
            return true;
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException)
        {
            return false;
        }
    }

    private static int ReadFirstInt(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        var first = File.ReadLines(path).FirstOrDefault();
        return int.TryParse(first?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;
    }

    internal static bool IsAlive(int pid)
    {
        if (pid <= 0)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Private PostgreSQL started on 127.0.0.1:{Port} with data in {Root}")]
    private static partial void LogStarted(ILogger logger, int port, string root);

    [LoggerMessage(Level = LogLevel.Information, Message = "Private PostgreSQL on port {Port} stopped")]
    private static partial void LogStopped(ILogger logger, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "pg_ctl stop reported: {Output}")]
    private static partial void LogStopFailed(ILogger logger, string output);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sharing the private PostgreSQL on port {Port} with live silo processes {Pids}")]
    private static partial void LogAdopted(ILogger logger, string pids, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Private PostgreSQL on port {Port} left running for silo processes {Pids}")]
    private static partial void LogLeftRunning(ILogger logger, int port, string pids);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Found a private PostgreSQL left running by a killed silo in {Root}; stopping it before starting afresh")]
    private static partial void LogOrphan(ILogger logger, string root);
}
