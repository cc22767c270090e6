// Summarises a dotnet-trace gc-verbose capture: sampled allocation (AllocationTick) by type, by inclusive frame and by
// call path, and GC pauses. Not part of the solution (a profiling tool): dotnet run -c Release --project docs/benchmarks-hotpath/allocs -- FILE.nettrace [frames]
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;
// usage: allocs FILE.nettrace [frames]  — sums AllocationTick bytes by type and by managed call path
var etlx = TraceLog.CreateFromEventPipeDataFile(args[0]);
using var log = new TraceLog(etlx);
var depth = args.Length > 1 ? int.Parse(args[1]) : 8;
var byType = new Dictionary<string, long>(); var byStack = new Dictionary<string, long>(); var byFrame = new Dictionary<string, long>();
long total = 0; int gcs = 0; double pause = 0; var starts = new Dictionary<int, double>();
var pauses = new List<(double, int)>(); double suspendStart = 0;
foreach (var ev in log.Events)
{
    if (ev is GCAllocationTickTraceData a)
    {
        var bytes = a.AllocationAmount64; total += bytes;
        byType[a.TypeName] = byType.GetValueOrDefault(a.TypeName) + bytes;
        var frames = new List<string>(); var seen = new HashSet<string>();
        for (var cs = a.CallStack(); cs != null; cs = cs.Caller)
        {
            var m = cs.CodeAddress.FullMethodName; if (string.IsNullOrEmpty(m)) continue;
            if (seen.Add(m)) byFrame[m] = byFrame.GetValueOrDefault(m) + bytes;
            if (frames.Count < depth) frames.Add(m.Length > 90 ? m[..90] : m);
        }
        var key = a.TypeName + " <- " + string.Join(" <- ", frames);
        byStack[key] = byStack.GetValueOrDefault(key) + bytes;
    }
    else if (ev is GCSuspendEETraceData) suspendStart = ev.TimeStampRelativeMSec;
    else if (ev is GCStartTraceData s) { gcs++; starts[s.Count] = s.Depth; }
    else if (ev.EventName == "GC/RestartEEStop" && suspendStart > 0) { pause += ev.TimeStampRelativeMSec - suspendStart; pauses.Add((ev.TimeStampRelativeMSec - suspendStart, 0)); suspendStart = 0; }
}
Console.WriteLine($"sampled allocation {total / 1e6:F1} MB; GCs {gcs}; pause total {pause:F0} ms; max {(pauses.Count > 0 ? pauses.Max(p => p.Item1) : 0):F1} ms; gens {string.Join(",", starts.Values.GroupBy(v => v).Select(g => $"gen{g.Key}:{g.Count()}"))}");
Console.WriteLine("--- by type"); foreach (var (k, v) in byType.OrderByDescending(x => x.Value).Take(25)) Console.WriteLine($"{100.0 * v / total,5:F1}% {k}");
Console.WriteLine("--- by frame (inclusive)"); foreach (var (k, v) in byFrame.OrderByDescending(x => x.Value).Take(60)) Console.WriteLine($"{100.0 * v / total,5:F1}% {(k.Length > 150 ? k[..150] : k)}");
Console.WriteLine("--- by path"); foreach (var (k, v) in byStack.OrderByDescending(x => x.Value).Take(30)) Console.WriteLine($"{100.0 * v / total,5:F1}% {k}");
