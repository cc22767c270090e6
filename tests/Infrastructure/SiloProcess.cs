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

    public static async Task<SiloProcess> StartAsync(string connectionString, string clusterId, params string[] extraArgs)
    {
        var httpPort = FreePort.Next();
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
            "--connection-string", connectionString,
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
            await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
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

    /// <summary>Ends the process at once, as a crash would.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
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
