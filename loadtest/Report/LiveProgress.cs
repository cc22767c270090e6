using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using TangerangLive.LoadTest.Core;
using TangerangLive.LoadTest.Run;

namespace TangerangLive.LoadTest.Report;

/// <summary>
/// Takes a statistics sample every second (the run's time series) and shows it: a live table in a
/// terminal (rates, p50/p99, errors per operation; officers online; reports by state), or one plain
/// line every five seconds when the output is redirected (CI logs).
/// </summary>
internal sealed class LiveProgress(StatsRegistry stats, RunLedger ledger, Fleet fleet, TimeSpan duration)
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private const int PlainEvery = 5;

    public async Task RunAsync(CancellationToken cancellation)
    {
        var start = MonotonicClock.Now;
        if (!Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
        {
            await AnsiConsole.Live(new Text("starting")).AutoClear(false).StartAsync(async live =>
            {
                while (await WaitAsync(cancellation))
                {
                    live.UpdateTarget(Render(stats.Sample(), MonotonicClock.Since(start)));
                }
            });
            return;
        }

        for (var tick = 1; await WaitAsync(cancellation); tick++)
        {
            var sample = stats.Sample();
            if (tick % PlainEvery == 0)
            {
                Console.WriteLine(PlainLine(sample, MonotonicClock.Since(start)));
            }
        }
    }

    private static async Task<bool> WaitAsync(CancellationToken cancellation)
    {
        try
        {
            await Task.Delay(Tick, cancellation);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private IRenderable Render(StatsSample sample, TimeSpan elapsed)
    {
        var table = new Table().Border(TableBorder.Simple).Title(Heading(elapsed))
            .AddColumns("operation", "ok/s", "errors/s", "p50 ms", "p99 ms", "max ms");
        foreach (var op in sample.Operations.Where(o => o.Successes + o.Errors > 0))
        {
            table.AddRow(Markup.Escape(op.Name), F(op.Successes), op.Errors > 0 ? $"[red]{F(op.Errors)}[/]" : "0", F(op.P50Ms), F(op.P99Ms), F(op.MaxMs));
        }

        table.Caption(Markup.Escape(Officers() + " | " + Reports()));
        return table;
    }

    private string PlainLine(StatsSample sample, TimeSpan elapsed)
    {
        var ops = sample.Operations.Where(o => o.Successes + o.Errors > 0)
            .Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Name} {o.Successes}/s p50 {o.P50Ms:0.#} p99 {o.P99Ms:0.#} ms{(o.Errors > 0 ? $" ERR {o.Errors}/s" : string.Empty)}"));
        return $"{Heading(elapsed)} | {Officers()} | {Reports()} | {string.Join("; ", ops)}";
    }

    private string Heading(TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"t={elapsed.TotalSeconds:F0}s of {duration.TotalSeconds:F0}s");

    private string Officers()
    {
        int online = 0, holding = 0, dropped = 0;
        foreach (var officer in fleet.Officers)
        {
            switch (officer.Phase)
            {
                case OfficerPhase.Available: online++; break;
                case OfficerPhase.Holding: online++; holding++; break;
                case OfficerPhase.DroppedOut: dropped++; break;
                default: break;
            }
        }

        return $"officers online {online} (holding {holding}), dropped out {dropped}, hub reconnects {Interlocked.Read(ref ledger.Counters.HubDisconnects)}";
    }

    private string Reports()
    {
        var c = ledger.Counters;
        return $"reports sent {c.Submitted}, accepted {c.Accepted}, offered {c.Offered}, acknowledged {c.Acknowledged}, resolved {c.Resolved}, refused {c.Refused}, ignored {c.Ignored}, overrides {c.Overrides}";
    }

    private static string F(double value) => value.ToString(value >= 100 ? "F0" : "0.#", CultureInfo.InvariantCulture);
}
