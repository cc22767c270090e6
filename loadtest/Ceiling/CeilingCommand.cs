using TangerangLive.LoadTest.Bench;
using TangerangLive.LoadTest.Core;
using TangerangLive.LoadTest.Run;

namespace TangerangLive.LoadTest.Ceiling;

/// <summary>
/// <c>ceiling</c>: enrols officers (and citizens for reports) through the public API, then with
/// <c>--noop</c> first ramps the same client against a no-op endpoint it hosts, then ramps each path
/// against the engine (or holds one rate), and writes ceiling.md, ceiling.json and ceiling.svg.
/// Exit code 0 when done (with a hold: when it held), 1 when the hold did not hold, 2 on bad options,
/// 3 when the setup failed.
/// </summary>
internal static class CeilingCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = CeilingOptions.Parse(args, out var error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync($"ceiling: {error}");
            return Usage.Print(Console.Error, exitCode: 2);
        }

        var command = string.Join(' ', ["dotnet run -c Release --project loadtest -- ceiling", .. args]);
        var machine = MachineInfo.Current();
        var loadBefore = MachineInfo.LoadAverage();
        var startedAt = DateTimeOffset.UtcNow;
        Console.WriteLine($"tangerang-loadtest ceiling {(options.NoopOnly ? "on the no-op endpoint only" : "against " + string.Join(", ", options.Urls))} on {machine}");
        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await RunAsync(options, command, new CeilingMachine(machine.Cores, MemoryGiB(), machine.ToString(), loadBefore, null), startedAt, stop.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static async Task<int> RunAsync(CeilingOptions options, string command, CeilingMachine machine, DateTimeOffset startedAt, CancellationToken stop)
    {
        var setup = new StatsRegistry();
        var citizens = options.Reports ? options.Citizens : 0;
        using var engine = options.NoopOnly ? null : new SiloClient(options.Urls, setup, options.Connections);
        CeilingCast cast;
        try
        {
            cast = engine is null ? CeilingCast.MadeUp(options, citizens) : await CeilingCast.EnrolAsync(engine, setup, options, citizens, Console.WriteLine, stop);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or InvalidDataException or System.Text.Json.JsonException)
        {
            await Console.Error.WriteLineAsync($"ceiling: could not set up: {e.Message}");
            return 3;
        }

        var notes = new List<string>();
        var ramps = new List<RampResult>();
        HoldResult? hold = null;
        var runStart = MonotonicClock.Now;
        await using var noop = options.Noop ? await NoopServer.StartAsync(options.NoopPort, stop) : null;
        using var noopClient = noop is null ? null : new SiloClient([noop.Url], setup, options.Connections);
        using var measuring = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var measuringLimit = options.MaxDuration + options.Drain + options.WarmUp + TimeSpan.FromSeconds(30);
        measuring.CancelAfter(measuringLimit);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var progress = new CeilingProgress();
        var silo = engine is null ? null : new SiloScrape(engine);
        var watcher = progress.RunAsync(watching.Token);
        var runner = new RampRunner(options, progress, runStart);
        var paths = options.Hold ? [options.Paths[0]] : options.AllPaths;
        var jobs = new List<(string Target, LoadPath Path)>();
        jobs.AddRange(noop is null ? [] : paths.Select(p => (CeilingTargets.Noop, p)));
        jobs.AddRange(options.NoopOnly || options.Hold ? [] : paths.Select(p => (CeilingTargets.Engine, p)));
        var budgetEnd = MonotonicClock.Add(runStart, options.MaxDuration - (options.Hold ? options.HoldDuration + options.WarmUp + options.Drain : TimeSpan.Zero));
        for (var i = 0; i < jobs.Count && !measuring.IsCancellationRequested; i++)
        {
            var (target, path) = jobs[i];
            var client = target == CeilingTargets.Noop ? noopClient! : engine!;
            using var sender = new LoadSender(client.Urls, options.Connections, cast, path, options.Seed);
            var preparing = MonotonicClock.Now;
            await sender.PrepareAsync(Console.WriteLine, stop);

            // Opening hub connections is setup, not measurement: the budget and the bound move by its time.
            var prepared = MonotonicClock.Since(preparing);
            (budgetEnd, measuringLimit) = (MonotonicClock.Add(budgetEnd, prepared), measuringLimit + prepared);
            measuring.CancelAfter(measuringLimit - MonotonicClock.Since(runStart));
            var budget = MonotonicClock.Between(MonotonicClock.Now, budgetEnd) / (jobs.Count - i);
            ramps.Add(await runner.RampAsync(target, sender, target == CeilingTargets.Engine ? silo : null, budget, measuring.Token));
        }

        if (options.Hold && engine is not null && !measuring.IsCancellationRequested)
        {
            using var holdSender = new LoadSender(engine.Urls, options.Connections, cast, paths[0], options.Seed);
            var preparing = MonotonicClock.Now;
            await holdSender.PrepareAsync(Console.WriteLine, stop);
            measuring.CancelAfter(measuringLimit + MonotonicClock.Since(preparing) - MonotonicClock.Since(runStart));
            var step = await runner.HoldAsync(CeilingTargets.Engine, holdSender, silo, measuring.Token);
            var noopCeiling = CeilingComparison.For(paths[0].Option(), ramps).NoopPerSecond;
            hold = new HoldResult(step, step.Passed, CeilingComparison.Percent(step.TargetRate, noopCeiling));
        }

        await watching.CancelAsync();
        await watcher;
        if (engine is not null && options.KeepShifts)
        {
            notes.Add($"--keep-shifts: the {options.Officers:N0} officers were left on shift at the end.");
        }
        else if (engine is not null)
        {
            Console.WriteLine("ending shifts");
            var holding = await cast.EndShiftsAsync(engine);
            if (holding > 0)
            {
                notes.Add($"{holding:N0} officers could not end their shift: they held a report offered during the reports ramp (the engine refuses to end a shift while a report is held).");
            }
        }

        var report = new CeilingReport(
            command,
            startedAt,
            machine with { LoadAverageAfter = MachineInfo.LoadAverage() },
            CeilingSettings.From(options, noop?.Url, citizens),
            ramps,
            [.. paths.Select(p => CeilingComparison.For(p.Option(), ramps))],
            hold,
            [.. setup.Summarize(MonotonicClock.Since(runStart)).OrderBy(o => o.Name.StartsWith("teardown", StringComparison.Ordinal)).ThenBy(o => o.Name, StringComparer.Ordinal)],
            [.. notes, .. Notes(options, ramps)]);
        foreach (var path in CeilingFiles.Write(options.OutDirectory, report))
        {
            Console.WriteLine($"wrote {path}");
        }

        foreach (var c in report.Ceilings)
        {
            Console.WriteLine($"{c.Path}: no-op {c.NoopPerSecond?.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}/s, engine {c.EnginePerSecond?.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}/s{(c.EnginePercentOfNoop is { } p ? $" ({p:0.#} % of the no-op ceiling)" : string.Empty)}");
        }

        if (hold is not null)
        {
            Console.WriteLine($"hold {hold.Step.TargetRate:N0}/s for {hold.Step.Seconds:0} s: {(hold.Held ? "held" : "did not hold: " + hold.Step.Verdict)}");
        }

        return hold is { Held: false } ? 1 : 0;
    }

    private static IEnumerable<string> Notes(CeilingOptions options, IReadOnlyList<RampResult> ramps)
    {
        foreach (var ramp in ramps)
        {
            if (ramp.Highest is null || ramp.Steps.FirstOrDefault(s => s.Step == ramp.Highest.Step + 1) is not { } failed)
            {
                continue;
            }

            yield return $"{ramp.Target} {ramp.Path}: the true ceiling lies between the last step that passed ({ramp.Highest!.TargetRate:N0}/s) and the first that failed ({failed.TargetRate:N0}/s); a smaller --growth or an --increment narrows it.";
        }

        foreach (var ramp in ramps.Where(r => r.Target == CeilingTargets.Noop && r.StoppedBy?.StartsWith(RampRunner.TimeBudget, StringComparison.Ordinal) == true))
        {
            yield return $"no-op {ramp.Path}: the ramp ran out of time before any limit, so the no-op ceiling is a lower bound and the engine's share of it an upper bound; give --max-seconds more room.";
        }

        if (!options.NoopOnly && options.Noop)
        {
            yield return "The engine's silo was idle (officers on shift, no requests) while the no-op endpoint was measured; the no-op server runs inside the load tester, so client and server share one process, as client and silo share the machine.";
        }

        if (ramps.Any(r => r.Target == CeilingTargets.Engine && r.Steps.Any(s => s.ErrorsByKind.ContainsKey("http-429"))))
        {
            yield return "http-429 answers are the engine's rate limits (configuration section RateLimits, e.g. RateLimits__TrackingPerMinute, RateLimits__IntakePerMinute), not its capacity: the load tester sends from one address; start the silo with higher limits to measure capacity.";
        }

        yield return "Heartbeats go round-robin over the officers, so each officer beats rate/officers times a second; positions move at walking or motorbike speed between beats.";
    }

    private static double MemoryGiB() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
}
