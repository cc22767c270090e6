using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using TangerangLive.LoadTest.Core;

namespace TangerangLive.LoadTest.Ceiling;

/// <summary>
/// Shows the ramp as it runs: every finished step (target, sent and answered rate, p50/p99, errors,
/// verdict) and the current step's last second. A live table in a terminal; plain lines when the
/// output is redirected (a line per finished step and one every five seconds within a step).
/// </summary>
internal sealed class CeilingProgress
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private const int PlainEvery = 5;
    private const int RowsShown = 14;
    private readonly List<StepResult> _finished = [];
    private readonly bool _live = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
    private CurrentStep? _current;
    private string _last = "warming up";

    /// <summary>Shows <paramref name="stats"/> as the running step's figures until <see cref="End"/>.</summary>
    public void Begin(string label, double rate, StatsRegistry stats, TimeSpan duration) =>
        Volatile.Write(ref _current, new CurrentStep(label, rate, stats, MonotonicClock.Now, duration));

    public void End(StepResult result)
    {
        Volatile.Write(ref _current, null);
        lock (_finished)
        {
            _finished.Add(result);
        }

        if (!_live)
        {
            Console.WriteLine(Line(result));
        }
    }

    public async Task RunAsync(CancellationToken cancellation)
    {
        if (_live)
        {
            await AnsiConsole.Live(new Text("starting")).AutoClear(false).StartAsync(async live =>
            {
                while (await WaitAsync(cancellation))
                {
                    Sample();
                    live.UpdateTarget(Render());
                }

                live.UpdateTarget(Render());
            });
            return;
        }

        for (var tick = 1; await WaitAsync(cancellation); tick++)
        {
            Sample();
            if (tick % PlainEvery == 0 && Volatile.Read(ref _current) is not null)
            {
                Console.WriteLine("  " + _last);
            }
        }
    }

    private void Sample()
    {
        if (Volatile.Read(ref _current) is not { } step)
        {
            return;
        }

        var second = step.Stats.Sample();
        var op = second.Operations.FirstOrDefault();
        var elapsed = MonotonicClock.Since(step.StartedAt).TotalSeconds;
        _last = op is null
            ? Invariant($"{step.Label} at {step.Rate:N0}/s: t={elapsed:F0}/{step.Duration.TotalSeconds:F0} s, nothing answered yet")
            : Invariant($"{step.Label} at {step.Rate:N0}/s: t={elapsed:F0}/{step.Duration.TotalSeconds:F0} s, last second {op.Successes:N0} ok, p50 {op.P50Ms:0.#} ms, p99 {op.P99Ms:0.#} ms, {op.Errors:N0} errors");
    }

    private IRenderable Render()
    {
        var table = new Table().Border(TableBorder.Simple).Title("loadtest ceiling")
            .AddColumns("step", "target/s", "sent/s", "ok/s", "p50 ms", "p99 ms", "errors", "verdict");
        lock (_finished)
        {
            foreach (var r in _finished.TakeLast(RowsShown))
            {
                table.AddRow(Markup.Escape(Label(r)), F(r.TargetRate), F(r.SentPerSecond), F(r.AchievedPerSecond), F(r.P50Ms), F(r.P99Ms),
                    r.Errors > 0 ? $"[red]{r.Errors:N0}[/]" : "0", r.Passed ? "[green]pass[/]" : $"[red]{Markup.Escape(r.Verdict)}[/]");
            }
        }

        table.Caption(Markup.Escape(Volatile.Read(ref _current) is null ? "between steps" : _last));
        return table;
    }

    private static string Line(StepResult r) =>
        Invariant($"{Label(r)}: target {r.TargetRate:N0}/s, sent {r.SentPerSecond:N0}/s, ok {r.AchievedPerSecond:N0}/s, p50 {r.P50Ms:0.##} ms, p99 {r.P99Ms:0.##} ms, max {r.MaxMs:0.#} ms, {r.Errors:N0} errors: {r.Verdict}");

    private static string Label(StepResult r) => $"{r.Target} {r.Path} {(r.Step == 0 ? "hold" : "step " + r.Step.ToString(CultureInfo.InvariantCulture))}";

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

    private static string F(double value) => value.ToString(value >= 100 ? "N0" : "0.##", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record CurrentStep(string Label, double Rate, StatsRegistry Stats, long StartedAt, TimeSpan Duration);
}
