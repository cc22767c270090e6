using Spectre.Console;
using TangerangLive.LoadTest.Bench;
using TangerangLive.LoadTest.Core;
using TangerangLive.LoadTest.Report;

namespace TangerangLive.LoadTest.Run;

/// <summary>
/// <c>run</c>: plays officers, citizens and operators against running silos through the public API
/// only, for a bounded time, then checks correctness through the API and writes the report. Exit code
/// 0 when every check passed, 1 when one failed, 2 on bad options, 3 when the run could not start.
/// </summary>
internal static class RunCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = RunOptions.Parse(args, out var error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync($"run: {error}");
            return Usage.Print(Console.Error, exitCode: 2);
        }

        var command = string.Join(' ', ["dotnet run -c Release --project loadtest -- run", .. args]);
        Console.WriteLine($"tangerang-loadtest run against {string.Join(", ", options.Urls)} on {MachineInfo.Current()}");
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        var stats = new StatsRegistry();
        using var client = new SiloClient(options.Urls, stats, Math.Clamp(options.Officers / 4, 256, 4096));
        Scenario scenario;
        try
        {
            scenario = await Scenario.PrepareAsync(client, stats, options, Console.WriteLine, stop.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or InvalidDataException or System.Text.Json.JsonException)
        {
            await Console.Error.WriteLineAsync($"run: could not set the scenario up: {e.Message}");
            return 3;
        }

        using var cast = scenario;
        var report = await cast.PlayAsync(command, stop.Token);
        var paths = RunReportFiles.Write(options.OutDirectory, report);
        PrintChecks(report);
        Console.WriteLine($"wrote {string.Join(", ", paths)}");
        return report.Passed ? 0 : 1;
    }

    public static void PrintChecks(RunReport report)
    {
        foreach (var check in report.Checks)
        {
            var line = $"{check.Outcome} {check.Name}: {check.Summary}";
            if (Console.IsOutputRedirected)
            {
                Console.WriteLine(line);
            }
            else
            {
                var colour = check.Failed ? "red" : check.Outcome == CheckResult.Pass ? "green" : "yellow";
                AnsiConsole.MarkupLine($"[{colour}]{Markup.Escape(check.Outcome)}[/] {Markup.Escape(check.Name)}: {Markup.Escape(check.Summary)}");
            }

            foreach (var violation in check.Violations.Take(10))
            {
                Console.WriteLine($"    {violation}");
            }
        }
    }
}
