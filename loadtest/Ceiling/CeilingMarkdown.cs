using System.Globalization;
using System.Text;
using TangerangLive.LoadTest.Core;
using TangerangLive.LoadTest.Report;

namespace TangerangLive.LoadTest.Ceiling;

/// <summary>The Markdown report of a ceiling run: headline rates against the no-op ceiling, the hold, every step, the setup.</summary>
internal static class CeilingMarkdown
{
    public static string Render(CeilingReport r, string chartFile)
    {
        var s = r.Settings;
        var md = new StringBuilder();
        Line(md, "# Load ceiling" + (r.Hold is { } h ? $": hold at {h.Step.TargetRate:N0}/s {(h.Held ? "HELD" : "DID NOT HOLD")}" : string.Empty));
        Line(md, "");
        Line(md, $"- Command: `{r.Command}`");
        Line(md, $"- Started {r.StartedAt:yyyy-MM-dd HH:mm:ss} UTC on {r.Machine.Description}, {r.Machine.MemoryGiB:0.#} GiB memory; load average {r.Machine.LoadAverageBefore ?? "?"} before, {r.Machine.LoadAverageAfter ?? "?"} after");
        Line(md, s.Urls.Count > 0 ? $"- Engine: {string.Join(", ", s.Urls)} (requests spread round-robin)" : "- Engine: not measured (--noop-only)");
        if (s.NoopUrl is not null)
        {
            Line(md, $"- No-op ceiling: {s.NoopUrl}, Kestrel hosted in the load tester's own process. It shares this machine with the client exactly as the silo does (and shares the client's process and thread pool too); it binds the same JSON body and answers a small JSON 200. Same client, handler settings, request shape and size, bearer header and open-loop scheduler as against the engine.");
        }

        Line(md, $"- Load: {string.Join(", ", s.Paths)}; {s.Officers:N0} officers on shift (heartbeats round-robin over them){(s.Citizens > 0 ? $", {s.Citizens} citizen accounts for reports" : string.Empty)}; {s.Connections} connections per server, at most {s.MaxInFlight:N0} requests in flight; seed {s.Seed}");
        Line(md, $"- Ramp: from {s.StartRate:N0}/s (reports from {s.ReportsStartRate:N0}/s), {s.Growth}, steps of {s.StepSeconds:0.#} s after a {s.WarmUpSeconds:0.#} s warm-up, {s.DrainSeconds:0.#} s drain; bounded by {s.MaxSeconds:0} s");
        Line(md, $"- A step passes when p99 < {s.P99LimitMs:0.#} ms, error rate <= {s.MaxErrorRate:P2}, and the client sent at least {StepResult.MinSentShare:P0} of the target rate without skipping an arrival. Latency runs from each request's intended send time (open loop).");
        Line(md, "");
        Line(md, "## Highest sustainable rates");
        Line(md, "");
        Line(md, "| path | no-op ceiling (ok/s) | engine (ok/s) | engine as % of no-op | no-op ramp stopped by | engine ramp stopped by |");
        Line(md, "|---|---:|---:|---:|---|---|");
        foreach (var c in r.Ceilings)
        {
            Line(md, $"| {c.Path} | {Rate(c.NoopPerSecond)} | {Rate(c.EnginePerSecond)} | {(c.EnginePercentOfNoop is { } p ? $"{p:0.#} %" : "-")} | {Cell(c.NoopStoppedBy)} | {Cell(c.EngineStoppedBy)} |");
        }

        if (r.Hold is { } hold)
        {
            var st = hold.Step;
            Line(md, "");
            Line(md, "## Sustained hold");
            Line(md, "");
            Line(md, $"{st.TargetRate:N0}/s of {st.Path} for {st.Seconds:0} s against the {st.Target}: {(hold.Held ? "**held**" : "**did not hold**")} " +
                     $"(answered {st.AchievedPerSecond:N0}/s, p50 {st.P50Ms:0.##} ms, p99 {st.P99Ms:0.##} ms, p99.9 {st.P999Ms:0.##} ms, max {st.MaxMs:0.#} ms, {st.Errors:N0} errors{(hold.Held ? string.Empty : "; " + st.Verdict)})" +
                     (hold.PercentOfNoop is { } p ? $"; the hold rate is {p:0.#} % of the no-op ceiling." : "."));
        }

        Line(md, "");
        Line(md, $"![achieved rate and p99 per step]({chartFile})");
        foreach (var ramp in r.Ramps)
        {
            Line(md, "");
            Line(md, $"## Steps: {ramp.Target}, {ramp.Operation}");
            Line(md, "");
            Line(md, ramp.Highest is { } best
                ? $"Highest sustainable: {best.AchievedPerSecond:N0}/s answered (step {best.Step}, target {best.TargetRate:N0}/s). Stopped by: {ramp.StoppedBy ?? "-"}."
                : $"No step passed. Stopped by: {ramp.StoppedBy ?? "-"}.");
            Line(md, "");
            Steps(md, ramp.Steps);
        }

        if (r.Hold is { } held)
        {
            Line(md, "");
            Line(md, "## Step: hold");
            Line(md, "");
            Steps(md, [held.Step]);
        }

        Line(md, "");
        Line(md, "## Setup (not measured)");
        Line(md, "");
        if (r.Setup.Count == 0)
        {
            Line(md, "None (the no-op endpoint alone needs no enrolment).");
        }
        else
        {
            Line(md, "| operation | ok | errors | p50 ms | p99 ms | max ms |");
            Line(md, "|---|---:|---:|---:|---:|---:|");
            foreach (var o in r.Setup)
            {
                Line(md, $"| {o.Name} | {o.Successes:N0} | {o.Errors:N0}{ErrorKinds(o.ErrorsByKind)} | {o.P50Ms:0.##} | {o.P99Ms:0.##} | {o.MaxMs:0.##} |");
            }
        }

        Line(md, "");
        Line(md, "## Notes");
        Line(md, "");
        foreach (var note in r.Notes)
        {
            Line(md, $"- {note}");
        }

        return md.ToString();
    }

    private static void Steps(StringBuilder md, IReadOnlyList<StepResult> steps)
    {
        Line(md, "| step | target/s | sent/s | ok/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | errors | client CPU cores | silo CPU cores | silo working set MiB | silo GCs | silo GC pause ms | verdict |");
        Line(md, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---|");
        foreach (var x in steps)
        {
            Line(md, $"| {(x.Step == 0 ? "hold" : x.Step.ToString(CultureInfo.InvariantCulture))} | {x.TargetRate:N0} | {x.SentPerSecond:N0} | {x.AchievedPerSecond:N0} | {x.P50Ms:0.##} | {x.P90Ms:0.##} | {x.P99Ms:0.##} | {x.P999Ms:0.##} | {x.MaxMs:0.#} | " +
                     $"{x.Errors:N0}{ErrorKinds(x.ErrorsByKind)} | {x.ClientCpuCores:0.00} | {(x.SiloCpuCores is { } cpu ? cpu.ToString("0.00", CultureInfo.InvariantCulture) : "-")} | " +
                     $"{(x.SiloWorkingSetMiB is { } ws ? ws.ToString("0", CultureInfo.InvariantCulture) : "-")} | " +
                     $"{(x.SiloGcCollections is { } gcs ? gcs.ToString("N0", CultureInfo.InvariantCulture) : "-")} | " +
                     $"{(x.SiloGcPauseMs is { } pause ? pause.ToString("N0", CultureInfo.InvariantCulture) : "-")} | {Cell(x.Verdict)} |");
        }
    }

    private static string ErrorKinds(IReadOnlyDictionary<string, long> kinds) =>
        kinds.Count == 0 ? string.Empty : " (" + string.Join(", ", kinds.Select(k => $"{k.Key} {k.Value:N0}")) + ")";

    private static string Rate(double? rate) => rate is { } r ? r.ToString("N0", CultureInfo.InvariantCulture) : "-";

    private static string Cell(string? text) => text is null ? "-" : text.Replace("|", "\\|", StringComparison.Ordinal);

    private static void Line(StringBuilder md, string text) => md.Append(text).Append('\n');
}
