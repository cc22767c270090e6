using TangerangLive.LoadTest.Core;
using TangerangLive.LoadTest.Run;

namespace TangerangLive.LoadTest.Report;

/// <summary>
/// Scrapes each silo's <c>/metrics</c> (OpenTelemetry runtime instruments in Prometheus text) every few
/// seconds and turns the counters into rates over each interval: CPU (cores busy), working set, GC
/// collections and pause time, allocation rate, thread-pool queue.
/// </summary>
internal sealed class SiloMetrics(SiloClient client)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly List<SiloMetricsSample> _samples = [];
    private readonly long _start = MonotonicClock.Now;

    public IReadOnlyList<SiloMetricsSample> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    public async Task RunAsync(CancellationToken cancellation)
    {
        var previous = new Dictionary<Uri, Reading>();
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                foreach (var silo in client.Urls)
                {
                    if (await ReadAsync(silo, cancellation) is not { } now)
                    {
                        continue;
                    }

                    if (previous.TryGetValue(silo, out var before))
                    {
                        lock (_samples)
                        {
                            _samples.Add(Sample(silo, before, now));
                        }
                    }

                    previous[silo] = now;
                }

                await Task.Delay(Interval, cancellation);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    private SiloMetricsSample Sample(Uri silo, Reading a, Reading b)
    {
        var seconds = Math.Max(0.001, MonotonicClock.Between(a.At, b.At).TotalSeconds);
        return new SiloMetricsSample(
            silo.Authority,
            MonotonicClock.Between(_start, b.At).TotalSeconds,
            (b.CpuSeconds - a.CpuSeconds) / seconds,
            b.WorkingSetBytes / 1048576.0,
            b.HeapBytes / 1048576.0,
            b.Gen0 - a.Gen0,
            b.Gen1 - a.Gen1,
            b.Gen2 - a.Gen2,
            (b.PauseSeconds - a.PauseSeconds) * 1000,
            (b.AllocatedBytes - a.AllocatedBytes) / 1048576.0 / seconds,
            b.ThreadPoolQueue);
    }

    private async Task<Reading?> ReadAsync(Uri silo, CancellationToken cancellation)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(SiloClient.RequestTimeout);
            var text = await client.Http.GetStringAsync(new Uri(silo, "/metrics"), timeout.Token);
            var s = PrometheusText.Samples(text).ToList();
            return new Reading(
                MonotonicClock.Now,
                PrometheusText.Sum(s, "dotnet_process_cpu_time_seconds_total") ?? 0,
                PrometheusText.Sum(s, "dotnet_process_memory_working_set_bytes") ?? 0,
                PrometheusText.Sum(s, "dotnet_gc_last_collection_heap_size_bytes") ?? 0,
                PrometheusText.Sum(s, "dotnet_gc_collections_total", "\"gen0\"") ?? 0,
                PrometheusText.Sum(s, "dotnet_gc_collections_total", "\"gen1\"") ?? 0,
                PrometheusText.Sum(s, "dotnet_gc_collections_total", "\"gen2\"") ?? 0,
                PrometheusText.Sum(s, "dotnet_gc_pause_time_seconds_total") ?? 0,
                PrometheusText.Sum(s, "dotnet_gc_heap_total_allocated_bytes_total") ?? 0,
                PrometheusText.Sum(s, "dotnet_thread_pool_queue_length_total") ?? 0);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException && !cancellation.IsCancellationRequested)
        {
            return null;
        }
    }

    private sealed record Reading(long At, double CpuSeconds, double WorkingSetBytes, double HeapBytes, double Gen0, double Gen1, double Gen2,
        double PauseSeconds, double AllocatedBytes, double ThreadPoolQueue);
}

/// <summary>One silo over one scrape interval: CPU in cores busy, memory in MiB, GC counts and pause in the interval, allocation MiB/s.</summary>
public sealed record SiloMetricsSample(string Silo, double ElapsedSeconds, double CpuCores, double WorkingSetMiB, double HeapMiB,
    double Gen0, double Gen1, double Gen2, double GcPauseMs, double AllocatedMiBPerSecond, double ThreadPoolQueue);
