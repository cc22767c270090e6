using TangerangLive.LoadTest.Bench;
using TangerangLive.LoadTest.Core;
using TangerangLive.LoadTest.Report;
using TangerangLive.LoadTest.Run.Checks;

namespace TangerangLive.LoadTest.Run;

/// <summary>The measured window, the clean-up and the end-of-run checks.</summary>
internal sealed partial class Scenario
{
    public const string ShiftEnd = "teardown: shift end";

    /// <summary>After the citizens stop, officers keep working (and heartbeating) this long so that most offers finish.</summary>
    public TimeSpan Drain => TimeSpan.FromSeconds(Math.Clamp(Options.Duration.TotalSeconds * 0.15, 3, 15));

    /// <summary>Plays the run; <paramref name="disturbance"/> (a silo killed mid-run) runs beside it and adds its checks.</summary>
    public async Task<RunReport> PlayAsync(string command, CancellationToken stop, IRunDisturbance? disturbance = null)
    {
        var startedAt = DateTimeOffset.UtcNow;
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var metrics = new SiloMetrics(Client);
        var load = Options.Warmup + Options.Duration;
        var progress = new Report.LiveProgress(Stats, Ledger, Fleet, load + Drain);
        var watchers = Task.WhenAll(metrics.RunAsync(watching.Token), progress.RunAsync(watching.Token));
        Stats.Sample();
        if (Options.Warmup > TimeSpan.Zero)
        {
            // The same load from the start; what starts in the first --warmup is reported apart (Stats.MeasuredFrom).
            Stats.MeasuredFrom = MonotonicClock.Add(MonotonicClock.Now, Options.Warmup);
            Console.WriteLine($"warm-up: the first {Options.Warmup.TotalSeconds:F0} s of the load are reported apart, not measured");
        }

        var heartbeats = Heartbeats.RunAsync(load + Drain, stop);
        var disturbing = disturbance?.RunAsync(this, stop) ?? Task.CompletedTask;
        await Task.WhenAll(Citizens!.RunAsync(load, stop), Operators.RunAsync(load, stop), Dropouts.RunAsync(load, stop));
        await heartbeats;
        await disturbing;
        await _work.CancelAsync();
        await watching.CancelAsync();
        await watchers;
        var summaries = Stats.Summarize(Options.Duration);

        Console.WriteLine("run over: ending shifts, closing hubs, checking");
        var (stillHolding, finishedAtEnd) = await EndShiftsAsync();
        await Sampler.SettledAsync();
        var checks = await CheckAsync(startedAt, HeartbeatLag(summaries), disturbance);
        var all = Stats.Summarize(Options.Duration);
        return new RunReport(
            command,
            MachineInfo.Current().ToString(),
            RunId,
            startedAt,
            RunSettings.From(Options, Fleet.Officers.Count(o => Fleet.WantsHub(o.Index)), Drain),
            [.. all.Where(IsSetup)],
            [.. summaries.Where(o => !IsSetup(o))],
            RunCountsView.From(Ledger.Counters),
            [
                StreamView.From("heartbeats", Fleet.Officers.Count / Options.HeartbeatSeconds, Heartbeats.Scheduler),
                StreamView.From("reports", Options.ReportsPerSecond, Citizens.Scheduler),
                .. Operators.Scheduler is { } overrides ? [StreamView.From("overrides", Options.ReportsPerSecond * Options.OverrideFraction, overrides)] : Array.Empty<StreamView>(),
            ],
            checks,
            Notes(stillHolding, finishedAtEnd),
            metrics.Samples,
            Stats.Samples);
    }

    private static bool IsSetup(OperationSummary o) => !StatsRegistry.IsMeasured(o.Name);

    /// <summary>How long ending shifts and closing hubs may take before the rest is left (a server that stopped answering must not hang the run).</summary>
    public TimeSpan TeardownBudget => TimeSpan.FromSeconds(30 + (Fleet.Officers.Count * 0.002));

    /// <summary>How long the end-of-run checks may take; what is not read by then counts as a violation.</summary>
    public TimeSpan CheckBudget => TimeSpan.FromSeconds(60 + (Ledger.Counters.Accepted * 0.05));

    /// <summary>
    /// Ends every shift and closes every hub. An officer still holding a report finishes it first; returns how many could
    /// not end their shift and how many finished a held report to end it.
    /// </summary>
    private async Task<(int Holding, int Finished)> EndShiftsAsync()
    {
        var holding = 0;
        var finished = 0;
        using var budget = new CancellationTokenSource(TeardownBudget);
        await Enrolment.ForEachAsync(Fleet.Officers, async officer =>
        {
            var ended = await Client.SendAsync<NoBody>(ShiftEnd, HttpMethod.Post, "/api/me/shift/end", officer.Token, new { }, MonotonicClock.Now, budget.Token);
            if (ended.Status == System.Net.HttpStatusCode.Conflict)
            {
                // Still holding a report: finish it, then end the shift (counted as holding only if that fails too).
                var endedAfter = await FieldWork.FinishHeldAsync(officer, budget.Token) &&
                    (await Client.SendAsync<NoBody>(ShiftEnd, HttpMethod.Post, "/api/me/shift/end", officer.Token, new { }, MonotonicClock.Now, budget.Token)).Ok;
                Interlocked.Increment(ref endedAfter ? ref finished : ref holding);
            }

            officer.EndShift();
            await OfficerHubs.DisposeAsync(officer);
        }, CancellationToken.None, parallel: 128);
        return (holding, finished);
    }

    /// <summary>How late the engine may learn of a position: the heartbeats' p99 latency plus a second.</summary>
    private static TimeSpan HeartbeatLag(IReadOnlyList<OperationSummary> summaries) => TimeSpan.FromMilliseconds(1_000 +
        summaries.Where(o => o.Name is Heartbeats.Sigap or Heartbeats.OsmAnd).Select(o => o.P99Ms).DefaultIfEmpty(0).Max());

    private async Task<IReadOnlyList<CheckResult>> CheckAsync(DateTimeOffset startedAt, TimeSpan lag, IRunDisturbance? disturbance)
    {
        var reports = Ledger.Reports.Where(r => r.Accepted || r.FirstOfferAt != 0).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        using var budget = new CancellationTokenSource(CheckBudget);
        var (states, details) = await new ReportStatesCheck(Client, AdminToken).RunAsync(reports, budget.Token);
        var accepted = reports.Where(r => r.Accepted).Select(r => r.Id).ToList();
        var listed = await new QueryModelCheck(Client, AdminToken).RunAsync(accepted, startedAt, budget.Token);
        var holds = await new HoldsCheck(Client, AdminToken).RunAsync(details, Ledger.Holds.ToList(), budget.Token);
        return
        [
            holds,
            states,
            listed,
            AttendanceCheck.Run(Dropouts.Records, Options.OfflineThreshold, Dropouts.LongDropout),
            NearestCheck.Run(reports, details, EngineHolds.Build(details.Values).WithWithdrawnOffers(Ledger.Holds).WithAnsweredSteps(Ledger.Holds).WithOfferPushes(Ledger.Holds), Sampler.ToleranceMetres(lag), lag),
            .. disturbance?.Check(this, details) ?? [],
        ];
    }

    private List<string> Notes(int stillHolding, int finishedAtEnd)
    {
        var notes = new List<string>();
        var hubOfficers = Fleet.Officers.Count(o => Fleet.WantsHub(o.Index));
        if (hubOfficers < Fleet.Officers.Count)
        {
            notes.Add($"{hubOfficers:N0} of {Fleet.Officers.Count:N0} officers kept a SignalR connection (--hub-fraction {Options.EffectiveHubFraction:0.###}); " +
                      "one load-test process cannot hold a connection per officer at this scale. The others learned of offers by GET /api/me/assignment after each heartbeat; submit-to-offer counts hub pushes only.");
        }

        if (finishedAtEnd > 0)
        {
            notes.Add($"{finishedAtEnd} officers still held a report when the run ended and finished it (acknowledge, en route, on scene, resolve) before ending their shift, so no officer of this run stays a candidate for the next one.");
        }

        if (stillHolding > 0)
        {
            notes.Add($"{stillHolding} officers could not end their shift: they still held a report and could not finish it within the teardown budget; the engine refuses to end a shift while a report is held, so they stay candidates until their offline threshold.");
        }

        notes.Add("Attendance: a sealed attendance day (GET /api/attendance/officers/{id}/days/{day}) exists only after the officer's shift window ends, so a run mid-shift checks the live online state (GET /api/officers/{id}) that the day's online intervals are built from.");
        notes.Add("Nearest-officer check: each sampled report's first offer (engine timeline) against the simulator's last accepted positions of the agency's officers; " +
                  "an officer counts as free when the simulator had them free, their phone stayed on the network and the engine shows them holding nothing just before the offer (by the reports' timelines, and by the offer and withdrawal pushes of offers made ahead of a report's write and withdrawn after it, which no timeline names).");
        return notes;
    }
}
