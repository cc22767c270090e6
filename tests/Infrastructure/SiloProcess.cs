using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace TangerangLive.Tests.Infrastructure;

/// <summary>A real silo process (the built TangerangLive.Silo) on its own ports, for cluster tests.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SiloProcess(Process process, int httpPort, int siloPort, string logDirectory)
    {
        _process = process;
        HttpPort = httpPort;
        SiloPort = siloPort;
        LogDirectory = logDirectory;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(30) };
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int HttpPort { get; }

    public int SiloPort { get; }

    public string LogDirectory { get; }

    public HttpClient Http { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>What the silo printed, for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, _output.TakeLast(80));

    public static Task<SiloProcess> StartAsync(string connectionString, string clusterId, params string[] extraArgs) =>
        LaunchAsync(clusterId, FreePort.Next(), ["--connection-string", connectionString, .. extraArgs]);

    /// <summary>A silo on a given HTTP port: a restarted silo where browsers connected to the one before it.</summary>
    public static Task<SiloProcess> StartAsync(string connectionString, string clusterId, int httpPort, params string[] extraArgs) =>
        LaunchAsync(clusterId, httpPort, ["--connection-string", connectionString, .. extraArgs]);

    /// <summary>A silo on the embedded default: the private PostgreSQL in <paramref name="dataDirectory"/> on <paramref name="postgresPort"/>.</summary>
    public static Task<SiloProcess> StartEmbeddedAsync(string dataDirectory, int postgresPort, string clusterId, params string[] extraArgs) =>
        LaunchAsync(clusterId, FreePort.Next(), ["--data-dir", dataDirectory, "--Database:Embedded:Port", postgresPort.ToString(CultureInfo.InvariantCulture), .. extraArgs]);

    private static async Task<SiloProcess> LaunchAsync(string clusterId, int httpPort, string[] extraArgs)
    {
        var siloPort = FreePort.Next();
        var gatewayPort = FreePort.Next();
        var logDirectory = Path.Combine(Path.GetTempPath(), $"tl-silo-logs-{clusterId}-{siloPort}");
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(RepositoryPaths.SiloAssembly)!,
        };
        foreach (var arg in (string[])[
            RepositoryPaths.SiloAssembly,
            "--http-port", httpPort.ToString(CultureInfo.InvariantCulture),
            "--silo-port", siloPort.ToString(CultureInfo.InvariantCulture),
            "--gateway-port", gatewayPort.ToString(CultureInfo.InvariantCulture),
            "--cluster-id", clusterId,
            "--service-id", clusterId,
            "--log-dir", logDirectory,
            .. extraArgs])
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var silo = new SiloProcess(process, httpPort, siloPort, logDirectory);
        try
        {
            await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(150)); // generous: a busy 2-core machine has taken over 90 s to start a silo
        }
        catch
        {
            // A silo that never got ready must not live on: left running, it slows every later test on the machine.
            await silo.DisposeAsync();
            throw;
        }

        return silo;
    }

    /// <summary>Waits until /health/ready answers with the given status.</summary>
    public async Task WaitForReadinessAsync(HttpStatusCode expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        HttpStatusCode? last = null;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Silo on port {HttpPort} exited with {_process.ExitCode} while waiting for readiness {expected}:{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                last = response.StatusCode;
                if (response.StatusCode == expected)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                last = null;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Silo on port {HttpPort}: /health/ready was still {last?.ToString() ?? "unreachable"} after {timeout.TotalSeconds} s, expected {expected}.{Environment.NewLine}{Output}");
    }

    public Task WaitUntilReadyAsync(TimeSpan timeout) => WaitForReadinessAsync(HttpStatusCode.OK, timeout);

    /// <summary>
    /// Ends the process at once with SIGKILL, as a crash would; with <paramref name="entireProcessTree"/> false the
    /// processes it started (a private PostgreSQL's watchdog) live on, as they do when a silo really dies.
    /// </summary>
    public void Kill(bool entireProcessTree = true)
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree);
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>Asks the silo to shut down cleanly (SIGTERM) and waits until it has exited.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(wait.Token);
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        Http.Dispose();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 400 && _output.TryDequeue(out _))
        {
        }
    }
}
