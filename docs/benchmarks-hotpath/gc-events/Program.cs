// Prints each garbage collection of an EventPipe trace: generation, reason, the pause (suspend to restart), and the
// heap after it with the bytes promoted out of gen0 and gen1. Record with
//   dotnet-trace collect -p PID --profile gc-collect --duration 00:00:00:20 -o gc.nettrace
// then: dotnet run -c Release --project docs/benchmarks-hotpath/gc-events -- gc.nettrace
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;
using var source = new EventPipeEventSource(args[0]);
double suspend = 0; int gen = -1; string reason = ""; long count = 0;
var rows = new List<string>();
double lastStart = 0;
source.Clr.GCStart += e => { gen = e.Depth; reason = e.Reason.ToString(); count = e.Count; lastStart = e.TimeStampRelativeMSec; };
source.Clr.GCSuspendEEStart += e => suspend = e.TimeStampRelativeMSec;
source.Clr.GCRestartEEStop += e => { if (suspend > 0) { rows.Add($"{e.TimeStampRelativeMSec/1000:F1}s gc#{count} gen{gen} {reason} pause {e.TimeStampRelativeMSec - suspend:F1} ms"); suspend = 0; } };
source.Clr.GCHeapStats += e => rows.Add($"   heap: gen0 {e.GenerationSize0/1e6:F1}MB gen1 {e.GenerationSize1/1e6:F1}MB gen2 {e.GenerationSize2/1e6:F1}MB loh {e.GenerationSize3/1e6:F1}MB poh {e.GenerationSize4/1e6:F1}MB promoted0 {e.TotalPromotedSize0/1e6:F2}MB promoted1 {e.TotalPromotedSize1/1e6:F2}MB pinned {e.PinnedObjectCount} gchandles {e.GCHandleCount}");
source.Clr.GCStop += e => rows.Add($"   end gen{e.Depth} {(e.TimeStampRelativeMSec - lastStart):F1} ms after start");
source.Process();
foreach (var r in rows) Console.WriteLine(r);
