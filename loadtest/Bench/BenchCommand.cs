using Spectre.Console;

namespace TangerangLive.LoadTest.Bench;

/// <summary>
/// <c>bench</c>: measures in-process matching over the zone index for each officer count and
/// writes the figures to a Markdown report with an SVG chart beside it. Exit code 1 when the
/// index disagrees with the brute-force scan, 2 on bad options.
/// </summary>
internal static class BenchCommand
{
    private const string ChartFile = "benchmarks-matching.svg";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchOptions.Parse(args, out var error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync($"bench: {error}");
            return Usage.Print(Console.Error, exitCode: 2);
        }

        var command = string.Join(' ', ["dotnet run -c Release --project loadtest -- bench", .. args]);
        var machine = MachineInfo.Current();
        var loadBefore = MachineInfo.LoadAverage();
        AnsiConsole.MarkupLine($"[bold]tangerang-loadtest bench[/] on {Markup.Escape(machine.ToString())}");
        if (!machine.IsRelease)
        {
            AnsiConsole.MarkupLine("[yellow]warning: Debug build; run with -c Release for figures worth recording[/]");
        }

        var world = AnsiConsole.Status().Start("Loading the Tangerang zone map", _ => CityWorld.LoadBuiltIn());
        var results = new List<ScaleResult>();
        LatencyResult? ranking = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("zone ranking alone (ZonesByDistance)", maxValue: options.Queries);
                var points = world.RandomQueries(new Random(options.Seed), options.Queries);
                ranking = await LatencyBenchmark.RunZoneRankingAsync(world.Map, points, done => task.Value = done);
                foreach (var officers in options.OfficerCounts)
                {
                    results.Add(await ScaleRunner.RunAsync(progress, world, officers, options));
                }
            });

        ResultTable.Print(results, ranking);
        foreach (var scale in results)
        {
            var c = scale.Correctness;
            AnsiConsole.WriteLine($"correctness: {c.Identical}/{c.Samples} identical (N = {scale.Officers:N0})");
            if (c.FirstMismatch is { } mismatch)
            {
                AnsiConsole.MarkupLine($"[red]first mismatch:[/] {Markup.Escape(mismatch)}");
            }
        }

        var load = loadBefore is null ? null : $"{loadBefore} before, {MachineInfo.LoadAverage()} after";
        WriteReport(options.OutPath, new BenchReport(results, ranking, machine, command, load), world);
        return results.All(r => r.Correctness.AllIdentical) ? 0 : 1;
    }

    private static void WriteReport(string outPath, BenchReport report, CityWorld world)
    {
        var chartPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outPath)) ?? ".", ChartFile);
        var section = MarkdownReport.Render(report, DateTimeOffset.UtcNow, ChartFile, world.Map.All.Count, world.Agencies.Count);
        ReportFile.WriteSection(outPath, MarkdownReport.Heading, section);
        File.WriteAllText(chartPath, SvgChart.Render(report.Results, "Matching latency, in-process zone index (µs per query)"));
        AnsiConsole.MarkupLine($"wrote [green]{Markup.Escape(outPath)}[/] and [green]{Markup.Escape(chartPath)}[/]");
    }
}
