using TangerangLive.LoadTest.Bench;
using TangerangLive.LoadTest.Core;
using TangerangLive.LoadTest.Report;
using TangerangLive.LoadTest.Run;

namespace TangerangLive.LoadTest.Failover;

/// <summary>
/// <c>failover</c>: the <c>run</c> scenario against two running silos, one of them killed with SIGKILL by its
/// process id mid-run; then the run's checks and the failover's. Exit code 0 when every check passed, 1 when
/// one failed, 2 on bad options, 3 when the run could not start.
/// </summary>
internal static class FailoverCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = FailoverOptions.Parse(args, out var error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync($"failover: {error}");
            return Usage.Print(Console.Error, exitCode: 2);
        }

        var command = string.Join(' ', ["dotnet run -c Release --project loadtest -- failover", .. args]);
        Console.WriteLine($"tangerang-loadtest failover against {string.Join(", ", options.Run.Urls)} (pids {string.Join(", ", options.Pids)}) on {MachineInfo.Current()}; " +
                          $"silo {options.Kill} ({options.Victim}, pid {options.VictimPid}) dies after {options.KillAfter.TotalSeconds:F0} s");
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        var stats = new StatsRegistry();
        using var client = new SiloClient(options.Run.Urls, stats, Math.Clamp(options.Run.Officers / 4, 256, 4096));
        Scenario scenario;
        try
        {
            scenario = await Scenario.PrepareAsync(client, stats, options.Run, Console.WriteLine, stop.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or InvalidDataException or System.Text.Json.JsonException)
        {
            await Console.Error.WriteLineAsync($"failover: could not set the scenario up: {e.Message}");
            return 3;
        }

        using var cast = scenario;
        var kill = new SiloKill(options, Console.WriteLine);
        var report = await cast.PlayAsync(command, stop.Token, kill);
        var paths = RunReportFiles.Write(options.Run.OutDirectory, report);
        RunCommand.PrintChecks(report);
        Console.WriteLine($"wrote {string.Join(", ", paths)}");
        return report.Passed ? 0 : 1;
    }
}
