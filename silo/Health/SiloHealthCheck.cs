using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace TangerangLive.Silo.Health;

/// <summary>Ready only while this silo is Active in the cluster membership.</summary>
public sealed class SiloHealthCheck(IClusterMembershipService membership, ILocalSiloDetails localSilo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(localSilo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"Silo {localSilo.SiloAddress} is Active")
            : HealthCheckResult.Unhealthy($"Silo {localSilo.SiloAddress} is {status}"));
    }
}
