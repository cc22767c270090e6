using System.Globalization;
using System.Text;
using TangerangLive.LoadTest.Core;
using TangerangLive.LoadTest.Run;

namespace TangerangLive.LoadTest.Report;

/// <summary>The Markdown report of a run: scenario, headline, per-operation latency, errors, silo resources, checks.</summary>
internal static class RunMarkdown
{
    private const int ViolationsShown = 25;

    public static string Render(RunReport r, string chartFile)
    {
        var s = r.Settings;
        var md = new StringBuilder();
        Line(md, $"# Load test run {r.RunId}: {(r.Passed ? "all checks passed" : "CHECKS FAILED")}");
        Line(md, "");
        Line(md, $"- Command: `{r.Command}`");
        Line(md, $"- Started {r.StartedAt:yyyy-MM-dd HH:mm:ss} UTC on {r.Machine}");
        Line(md, $"- Silos: {string.Join(", ", s.Urls)}");
        Line(md, $"- {s.Officers:N0} officers ({s.HubOfficers:N0} with a hub connection), heartbeat every {s.HeartbeatSeconds:0.##} s ({s.OsmAndFraction:P0} over OsmAnd), " +
                 $"{s.ReportsPerSecond:0.##} reports/s from {s.Citizens} citizens ({s.PhotoFraction:P0} with a photo), {(s.WarmupSeconds > 0 ? $"{s.WarmupSeconds:0} s of warm-up (reported apart), then " : "")}{s.DurationSeconds:0} s measured plus {s.DrainSeconds:0} s for field work to finish, seed {s.Seed}");
        Line(md, $"- Officers refuse {s.RefuseFraction:P0} and ignore {s.IgnoreFraction:P0} of offers; {s.DropoutFraction:P0} drop out for a while; operators override {s.OverrideFraction:P0} of reports; offline threshold {s.OfflineThresholdSeconds:0} s");
        var c = r.Counts;
        Line(md, $"- Reports: {c.ReportsSent:N0} sent, {c.ReportsAccepted:N0} accepted, {c.Offered:N0} offered (seen on a hub), {c.Acknowledged:N0} acknowledged, {c.Resolved:N0} resolved, {c.Refused:N0} refusals, {c.Ignored:N0} offers ignored, {c.Overrides:N0} overrides; {c.DropOuts:N0} drop-outs; {c.HubReconnects:N0} hub reconnects");
        Line(md, "");
        Line(md, "## Correctness");
        Line(md, "");
        Line(md, "| check | outcome | detail |");
        Line(md, "|---|---|---|");
        foreach (var check in r.Checks)
        {
            Line(md, $"| {check.Name} | {check.Outcome} | {Cell(check.Summary)} |");
        }

        foreach (var check in r.Checks.Where(c => c.Violations.Count > 0))
        {
            Line(md, "");
            Line(md, $"Violations of \"{check.Name}\" ({check.Violations.Count}):");
            Line(md, "");
            foreach (var v in check.Violations.Take(ViolationsShown))
            {
                Line(md, $"- {v}");
            }

            if (check.Violations.Count > ViolationsShown)
            {
                Line(md, $"- ... and {check.Violations.Count - ViolationsShown} more (report.json has them all)");
            }
        }

        Line(md, "");
        Line(md, "## Throughput and latency per operation");
        Line(md, "");
        Line(md, "Latency runs from the moment a request was meant to be sent (open loop), so a slow server cannot hide its queueing. Submit-to-offer runs from the citizen's intended send to the officer's hub receiving the push.");
        Line(md, "");
        Operations(md, r.Operations, rates: true);
        Line(md, "");
        Line(md, $"![latency over time]({chartFile})");
        Line(md, "");
        Line(md, "Arrival streams (open loop): " + string.Join("; ", r.Streams.Select(st =>
            Invariant($"{st.Name} at {st.RatePerSecond:0.##}/s: {st.Sent:N0} sent, {st.Skipped:N0} skipped (client at its in-flight limit), {st.Faulted:N0} faulted"))));
        Errors(md, r.Operations.Concat(r.Setup).ToList());
        Line(md, "");
        Line(md, "## Setup (not part of the measured window)");
        Line(md, "");
        Operations(md, r.Setup, rates: false);
        SiloSection(md, r.Silo);
        if (r.Notes.Count > 0)
        {
            Line(md, "");
            Line(md, "## Notes");
            Line(md, "");
            foreach (var note in r.Notes)
            {
                Line(md, $"- {note}");
            }
        }

        return md.ToString();
    }

    /// <summary>The latency table; <paramref name="rates"/> adds successes per second of the measured window.</summary>
    private static void Operations(StringBuilder md, IReadOnlyList<OperationSummary> operations, bool rates)
    {
        Line(md, rates ? "| operation | ok | ok/s | errors | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |" : "| operation | ok | errors | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |");
        Line(md, rates ? "|---|---:|---:|---:|---:|---:|---:|---:|---:|" : "|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var o in operations)
        {
            var rate = rates ? $" {o.PerSecond:0.#} |" : string.Empty;
            Line(md, $"| {o.Name} | {o.Successes:N0} |{rate} {o.Errors:N0} | {o.P50Ms:0.##} | {o.P90Ms:0.##} | {o.P99Ms:0.##} | {o.P999Ms:0.##} | {o.MaxMs:0.##} |");
        }
    }

    private static void Errors(StringBuilder md, IReadOnlyList<OperationSummary> operations)
    {
        var errors = operations.SelectMany(o => o.ErrorsByKind.Select(e => (o.Name, Kind: e.Key, Count: e.Value))).ToList();
        Line(md, "");
        Line(md, "## Errors by kind");
        Line(md, "");
        if (errors.Count == 0)
        {
            Line(md, "None.");
            return;
        }

        Line(md, "| operation | kind | count |");
        Line(md, "|---|---|---:|");
        foreach (var (name, kind, count) in errors)
        {
            Line(md, $"| {name} | {kind} | {count:N0} |");
        }
    }

    private static void SiloSection(StringBuilder md, IReadOnlyList<SiloMetricsSample> samples)
    {
        Line(md, "");
        Line(md, $"## Silo resources (from /metrics every {SiloMetrics.Interval.TotalSeconds:0} s)");
        Line(md, "");
        if (samples.Count == 0)
        {
            Line(md, "No samples (the run was shorter than two scrapes, or /metrics did not answer).");
            return;
        }

        Line(md, "| silo | CPU cores busy avg / max | working set MiB max | GC gen0 / gen1 / gen2 | GC pause ms | allocated MiB/s avg |");
        Line(md, "|---|---:|---:|---:|---:|---:|");
        foreach (var g in samples.GroupBy(x => x.Silo))
        {
            Line(md, $"| {g.Key} | {g.Average(x => x.CpuCores):0.00} / {g.Max(x => x.CpuCores):0.00} | {g.Max(x => x.WorkingSetMiB):0} | {g.Sum(x => x.Gen0):0} / {g.Sum(x => x.Gen1):0} / {g.Sum(x => x.Gen2):0} | {g.Sum(x => x.GcPauseMs):0} | {g.Average(x => x.AllocatedMiBPerSecond):0.0} |");
        }

        Line(md, "");
        Line(md, "| t (s) | silo | CPU cores | working set MiB | heap MiB | gen0 | gen1 | gen2 | GC pause ms | alloc MiB/s | thread-pool queue |");
        Line(md, "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var x in samples)
        {
            Line(md, $"| {x.ElapsedSeconds:0} | {x.Silo} | {x.CpuCores:0.00} | {x.WorkingSetMiB:0} | {x.HeapMiB:0} | {x.Gen0:0} | {x.Gen1:0} | {x.Gen2:0} | {x.GcPauseMs:0.#} | {x.AllocatedMiBPerSecond:0.0} | {x.ThreadPoolQueue:0} |");
        }
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Line(StringBuilder md, string text) => md.Append(text).Append('\n');
}
