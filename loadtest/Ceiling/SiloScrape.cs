using TangerangLive.LoadTest.Core;
using TangerangLive.LoadTest.Report;
using TangerangLive.LoadTest.Run;

namespace TangerangLive.LoadTest.Ceiling;

/// <summary>
/// Reads every silo's <c>/metrics</c> at the start and the end of a step, so the step gets the silos'
/// CPU (cores busy over exactly the step, summed over silos) and working set at its end (summed);
/// a silo that does not answer within a few seconds leaves the figures out.
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

    /// <summary>CPU cores busy between the readings and the working set (MiB) at the second, both summed over silos.</summary>
    public static (double? CpuCores, double? WorkingSetMiB) Between(Reading[]? before, Reading[]? after)
    {
        if (before is null || after is null || before.Length != after.Length)
        {
            return (null, null);
        }

        var cpu = before.Zip(after).Sum(p => (p.Second.CpuSeconds - p.First.CpuSeconds) / Math.Max(0.001, MonotonicClock.Between(p.First.At, p.Second.At).TotalSeconds));
        return (cpu, after.Sum(r => r.WorkingSetBytes) / 1048576.0);
    }

    private async Task<Reading?> ReadAsync(Uri silo, CancellationToken cancellation)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(Timeout);
            var samples = PrometheusText.Samples(await client.Http.GetStringAsync(new Uri(silo, "/metrics"), timeout.Token)).ToList();
            return PrometheusText.Sum(samples, "dotnet_process_cpu_time_seconds_total") is { } cpu
                ? new Reading(MonotonicClock.Now, cpu, PrometheusText.Sum(samples, "dotnet_process_memory_working_set_bytes") ?? 0)
                : null;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            return null;
        }
    }

    /// <summary>A silo's process CPU seconds and working set at a moment (monotonic).</summary>
    internal sealed record Reading(long At, double CpuSeconds, double WorkingSetBytes);
}
