using System.Text.Json;
using Microsoft.Playwright;

namespace TangerangLive.Tests.Browser;

/// <summary>
/// What the page's main thread went through, measured inside Chromium: long tasks (PerformanceObserver
/// 'longtask', 50 ms and over) and frame times (requestAnimationFrame intervals) over a window the test
/// chooses, and the JavaScript heap (the DevTools protocol's Performance.getMetrics).
/// </summary>
public sealed class PageProbe(IPage page)
{
    private const string Script = """
        window.__probe = { longTasks: [], frames: [], recording: false };
        new PerformanceObserver(list => {
          for (const e of list.getEntries()) window.__probe.longTasks.push(e.duration);
        }).observe({ type: 'longtask', buffered: true });
        window.__probe.start = () => {
          const p = window.__probe;
          p.longTasks = [];
          p.frames = [];
          p.recording = true;
          let last = performance.now();
          const step = t => {
            if (!p.recording) return;
            p.frames.push(t - last);
            last = t;
            requestAnimationFrame(step);
          };
          requestAnimationFrame(step);
        };
        window.__probe.stop = () => {
          const p = window.__probe;
          p.recording = false;
          return { longTasks: p.longTasks, frames: p.frames };
        };
        """;

    /// <summary>Installs the probe on a page before it loads: long tasks are recorded from the first one.</summary>
    public static Task InstallAsync(IPage page) => page.AddInitScriptAsync(Script);

    /// <summary>The long tasks recorded since the page loaded (or since the last <see cref="StartAsync"/>).</summary>
    public Task<double[]> LongTasksAsync() => page.EvaluateAsync<double[]>("window.__probe.longTasks");

    private ICDPSession? _profiler;

    /// <summary>Starts a window; with LIVEROOM_PROFILE set, also the DevTools sampling profiler of the main thread.</summary>
    public async Task StartAsync()
    {
        if (Environment.GetEnvironmentVariable("LIVEROOM_PROFILE") is { Length: > 0 })
        {
            _profiler = await page.Context.NewCDPSessionAsync(page);
            await _profiler.SendAsync("Profiler.enable");
            await _profiler.SendAsync("Profiler.start");
        }

        await page.EvaluateAsync("window.__probe.start()");
    }

    /// <summary>Where the main thread spent its time in the window (self time by function), when it was profiled.</summary>
    public string Profile { get; private set; } = "";

    public async Task<Window> StopAsync(TimeSpan length)
    {
        if (_profiler is not null)
        {
            var profile = (await _profiler.SendAsync("Profiler.stop"))!.Value.GetProperty("profile");
            Profile = Summarize(profile);
            await _profiler.DetachAsync();
            _profiler = null;
        }

        var result = await page.EvaluateAsync<JsonElement>("window.__probe.stop()");
        var longTasks = result.GetProperty("longTasks").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var frames = result.GetProperty("frames").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        return new Window(length, longTasks, frames);
    }

    /// <summary>The page's JavaScript heap in use, in MiB (the main thread's; the officers' worker has its own).</summary>
    public async Task<double> HeapMiBAsync() => (await MetricsAsync())["JSHeapUsedSize"] / (1024 * 1024);

    /// <summary>
    /// Chromium's own counters for the page (DevTools Performance.getMetrics), among them ProcessTime: the CPU
    /// seconds the renderer process used, its worker included. On a shared machine a long task's length is
    /// mostly waiting for a core; CPU time is what the page itself cost.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, double>> MetricsAsync()
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Performance.enable");
        var metrics = (await cdp.SendAsync("Performance.getMetrics"))!.Value.GetProperty("metrics");
        await cdp.DetachAsync();
        return metrics.EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetDouble());
    }

    private static string Summarize(JsonElement profile)
    {
        var names = new Dictionary<int, string>();
        foreach (var node in profile.GetProperty("nodes").EnumerateArray())
        {
            var frame = node.GetProperty("callFrame");
            var url = frame.GetProperty("url").GetString() ?? "";
            names[node.GetProperty("id").GetInt32()] =
                $"{frame.GetProperty("functionName").GetString()}@{url[(url.LastIndexOf('/') + 1)..]}:{frame.GetProperty("lineNumber").GetInt32() + 1}";
        }

        var self = new Dictionary<string, double>();
        var samples = profile.GetProperty("samples").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var deltas = profile.GetProperty("timeDeltas").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (var i = 0; i < samples.Length; i++)
        {
            var name = names[samples[i]];
            self[name] = self.GetValueOrDefault(name) + (deltas[i] / 1000);
        }

        return string.Join("; ", self.OrderByDescending(s => s.Value).Take(20).Select(s => FormattableString.Invariant($"{s.Key} {s.Value:F0} ms")));
    }

    /// <summary>One measured window: its long tasks (ms) and frame intervals (ms).</summary>
    public sealed record Window(TimeSpan Length, double[] LongTasks, double[] Frames)
    {
        public double WorstLongTask => LongTasks.DefaultIfEmpty(0).Max();

        public double LongTaskTotal => LongTasks.Sum();

        public double WorstFrame => Frames.DefaultIfEmpty(0).Max();

        public double FramesPerSecond => Frames.Length / Length.TotalSeconds;

        public double Frame95 => Frames.Length == 0 ? 0 : Frames.Order().ElementAt((int)Math.Floor(0.95 * (Frames.Length - 1)));

        public string Describe() => FormattableString.Invariant(
            $"{LongTasks.Length} long tasks (worst {WorstLongTask:F0} ms, {LongTaskTotal:F0} ms in all, {100 * LongTaskTotal / Length.TotalMilliseconds:F1} % of the time); {FramesPerSecond:F1} frames/s, 95th percentile frame {Frame95:F0} ms, worst frame {WorstFrame:F0} ms");
    }
}
