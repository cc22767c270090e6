using System.Diagnostics;
using System.Text;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.LoadTest;

/// <summary>The built load tester (loadtest/bin/.../TangerangLive.LoadTest.dll) run as a process, as a user runs it.</summary>
public static class LoadTestProcess
{
    public static string Assembly => Path.Combine(RepositoryPaths.Root, "loadtest", "bin", RepositoryPaths.Configuration, "net10.0", "TangerangLive.LoadTest.dll");

    /// <summary>Runs it with the arguments; returns the exit code and everything it printed. Killed after <paramref name="timeout"/>.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Assembly);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"loadtest still running after {timeout.TotalSeconds} s:{Environment.NewLine}{Text(output)}");
        }

        process.WaitForExit();
        return (process.ExitCode, Text(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
