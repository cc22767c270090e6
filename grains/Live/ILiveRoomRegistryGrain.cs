namespace TangerangLive.Grains.Live;

/// <summary>
/// The list of every silo's Live Room observer. Read by each silo's batcher every few seconds (not per
/// event), so it is not on a hot path. Observers of silos the cluster declares dead are dropped, and an
/// observer not renewed within <see cref="LiveRoomRegistration.Lease"/> expires.
/// </summary>
public interface ILiveRoomRegistryGrain : IGrainWithIntegerKey
{
    Task RegisterAsync(string silo, ILiveRoomObserver observer);

    Task<IReadOnlyList<ILiveRoomObserver>> GetObserversAsync();
}

public static class LiveRoomRegistration
{
    public static readonly TimeSpan Renew = TimeSpan.FromSeconds(20);

    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(70);

    public static ILiveRoomRegistryGrain LiveRoomRegistry(this IGrainFactory grains) => grains.GetGrain<ILiveRoomRegistryGrain>(0);
}
