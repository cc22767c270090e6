using Orleans.Concurrency;

namespace TangerangLive.Grains.Live;

/// <summary>One per silo: receives batches of Live Room events and pushes them to that silo's hub clients.</summary>
public interface ILiveRoomObserver : IGrainObserver
{
    [OneWay]
    Task OnEventsAsync(IReadOnlyList<LiveEvent> batch);
}
