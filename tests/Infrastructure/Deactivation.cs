using Orleans.TestingHost;

namespace TangerangLive.Tests.Infrastructure;

/// <summary>
/// Ends a grain's current activation and waits (bounded) until it has finished deactivating.
/// <see cref="InProcessTestCluster.DeactivateAsync(Orleans.Runtime.IAddressable)"/> already waits for that; calling
/// <c>WaitForDeactivationAsync</c> after it is a trap: it waits for the grain's <i>current</i> activation, and when a
/// reminder or a background service has re-activated the grain in between, that is a new activation which never
/// ends, and the test run hangs (it did, in CI). The bound turns any other stall into a failure naming the grain.
/// </summary>
public static class Deactivation
{
    public static async Task DeactivateNowAsync(this InProcessTestCluster cluster, Orleans.Runtime.IAddressable grain)
    {
        var id = grain.GetGrainId();
        try
        {
            await cluster.DeactivateAsync(grain).WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Waited 60 s for {id} to deactivate");
        }
    }
}
