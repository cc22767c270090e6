using TangerangLive.LoadTest.Core;
using TangerangLive.LoadTest.Report;
using TangerangLive.LoadTest.Run;

namespace TangerangLive.LoadTest.Ceiling;

/// <summary>
/// Reads every silo's <c>/metrics</c> at the start and the end of a step, so the step gets the silos'
/// CPU (cores busy over exactly the step, summed over silos), working set at its end (summed), and the
/// garbage collections and their pause time during the step (summed): the figures that explain a tail.
/// A silo that does not answer within a few seconds leaves the figures out.
/// </summary>
internal sealed class SiloScrape(SiloClient client)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>One reading per silo; null when any silo did not answer.</summary>
    public async Task<Reading[]?> ReadAsync(CancellationToken cancellation)
    {
        var readings = await Task.WhenAll(client.Urls.Select(silo => ReadAsync(silo, cancellation)));
        return readings.All(r => r is not null) ? [.. readings.Select(r => r!)] : null;
    }

    /// <summary>
    /// CPU cores busy between the readings, the working set (MiB) at the second, and the collections and pause
    /// milliseconds between them, each summed over silos; all null when a reading is missing.
    /// </summary>
    public static SiloFigures? Between(Reading[]? before, Reading[]? after)
    {
        if (before is null || after is null || before.Length != after.Length)
        {
            return null;
        }

        var pairs = before.Zip(after).ToList();
        var cpu = pairs.Sum(p => (p.Second.CpuSeconds - p.First.CpuSeconds) / Math.Max(0.001, MonotonicClock.Between(p.First.At, p.Second.At).TotalSeconds));
        return new SiloFigures(
            cpu,
            after.Sum(r => r.WorkingSetBytes) / 1048576.0,
            (long)pairs.Sum(p => p.Second.GcCollections - p.First.GcCollections),
            pairs.Sum(p => p.Second.GcPauseSeconds - p.First.GcPauseSeconds) * 1000);
    }

    private async Task<Reading?> ReadAsync(Uri silo, CancellationToken cancellation)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(Timeout);
            var samples = PrometheusText.Samples(await client.Http.GetStringAsync(new Uri(silo, "/metrics"), timeout.Token)).ToList();
            return PrometheusText.Sum(samples, "dotnet_process_cpu_time_seconds_total") is { } cpu
                ? new Reading(
                    MonotonicClock.Now,
                    cpu,
                    PrometheusText.Sum(samples, "dotnet_process_memory_working_set_bytes") ?? 0,
                    PrometheusText.Sum(samples, "dotnet_gc_collections_total") ?? 0,
                    PrometheusText.Sum(samples, "dotnet_gc_pause_time_seconds_total") ?? 0)
                : null;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            return null;
        }
    }

    /// <summary>A silo's process CPU seconds, working set, collections so far (all generations) and total GC pause at a moment (monotonic).</summary>
    internal sealed record Reading(long At, double CpuSeconds, double WorkingSetBytes, double GcCollections, double GcPauseSeconds);

    /// <summary>The silos' figures over one step.</summary>
    internal sealed record SiloFigures(double CpuCores, double WorkingSetMiB, long GcCollections, double GcPauseMs);
}
