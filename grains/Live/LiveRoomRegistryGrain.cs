using Orleans.Runtime;

namespace TangerangLive.Grains.Live;

/// <inheritdoc cref="ILiveRoomRegistryGrain"/>
public sealed class LiveRoomRegistryGrain(IClusterMembershipService membership) : Grain, ILiveRoomRegistryGrain
{
    private readonly Dictionary<string, (ILiveRoomObserver Observer, DateTime RenewedUtc)> _observers = new(StringComparer.Ordinal);

    public Task RegisterAsync(string silo, ILiveRoomObserver observer)
    {
        _observers[silo] = (observer, DateTime.UtcNow);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ILiveRoomObserver>> GetObserversAsync()
    {
        var alive = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status is SiloStatus.Active or SiloStatus.Joining)
            .Select(m => m.SiloAddress.ToString())
            .ToHashSet(StringComparer.Ordinal);
        var expired = DateTime.UtcNow - LiveRoomRegistration.Lease;
        foreach (var silo in _observers.Where(o => !alive.Contains(o.Key) || o.Value.RenewedUtc < expired).Select(o => o.Key).ToList())
        {
            _observers.Remove(silo);
        }

        return Task.FromResult<IReadOnlyList<ILiveRoomObserver>>(_observers.Values.Select(o => o.Observer).ToList());
    }
}
