using System.Diagnostics;
using TangerangLive.LoadTest.Core;
using TangerangLive.LoadTest.Run;

namespace TangerangLive.LoadTest.Failover;

/// <summary>
/// Kills one silo with SIGKILL by its process id mid-run, then does what a load balancer does: no more requests
/// to it, and the officers whose hub was on it reconnect to the survivor.
/// </summary>
internal sealed class SiloKill(FailoverOptions options, Action<string> say) : IRunDisturbance
{
    public DateTimeOffset? KilledAt { get; private set; }

    public async Task RunAsync(Scenario scenario, CancellationToken stop)
    {
        if (!await Pause.ForAsync(options.KillAfter, stop))
        {
            return;
        }

        using (var process = Process.GetProcessById(options.VictimPid))
        {
            process.Kill(entireProcessTree: false);
            KilledAt = DateTimeOffset.UtcNow;
            await process.WaitForExitAsync(stop);
        }

        scenario.Client.MarkDown(options.Victim);
        say($"killed silo {options.Victim} (pid {options.VictimPid}) with SIGKILL at {KilledAt:HH:mm:ss.fff}; its requests and hubs go to {string.Join(", ", scenario.Client.Urls)}");
        var moved = 0;
        await Enrolment.ForEachAsync(scenario.Fleet.Officers.Where(o => o.Hub is not null && o.Index % 2 == options.Kill - 1).ToList(), async officer =>
        {
            await OfficerHubs.DisposeAsync(officer);
            if (await scenario.Hubs.StartAsync(officer, OfficerHubs.Connect, stop))
            {
                Interlocked.Increment(ref moved);
            }
        }, stop);
        say($"{moved} officers' hubs reconnected to the survivor within {(DateTimeOffset.UtcNow - KilledAt.Value).TotalSeconds:F1} s of the kill");
    }

    public IReadOnlyList<CheckResult> Check(Scenario scenario, IReadOnlyDictionary<string, ReportDetail> details) =>
        FailoverChecks.Run(scenario, details, KilledAt, options);
}
