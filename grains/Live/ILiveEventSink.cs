namespace TangerangLive.Grains.Live;

/// <summary>
/// Where grains publish Live Room events. Fire-and-forget: publishing never blocks or fails a
/// state transition. The silo's implementation batches per silo and fans out to every silo's hubs.
/// </summary>
public interface ILiveEventSink
{
    void Publish(LiveEvent liveEvent);
}
