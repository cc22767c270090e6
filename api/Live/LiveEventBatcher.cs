using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TangerangLive.Grains.Live;

namespace TangerangLive.Api.Live;

/// <summary>
/// The per-silo end of the fan-out: grains publish here without waiting; every <see cref="FlushPeriod"/>
/// the queued events go as one batch to each silo's observer (the list is refreshed from the registry
/// every few seconds), so a browser connected to any silo sees events caused on any other.
/// </summary>
public sealed partial class LiveEventBatcher(IGrainFactory grains, ILogger<LiveEventBatcher> logger) : BackgroundService, ILiveEventSink
{
    public static readonly TimeSpan FlushPeriod = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ObserverRefresh = TimeSpan.FromSeconds(3);
    private const int MaxBatch = 2_000;

    private readonly Channel<LiveEvent> _queue = Channel.CreateBounded<LiveEvent>(new BoundedChannelOptions(100_000)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    private IReadOnlyList<ILiveRoomObserver> _observers = [];
    private DateTime _observersReadUtc = DateTime.MinValue;

    public void Publish(LiveEvent liveEvent) => _queue.Writer.TryWrite(liveEvent);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushPeriod);
        var batch = new List<LiveEvent>(MaxBatch);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                foreach (var observer in await ObserversAsync())
                {
                    await observer.OnEventsAsync(batch.ToArray());
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Live pushes are best effort: a lost batch costs a screen refresh, never a report.
                LogPushFailed(logger, batch.Count, ex.Message);
                _observersReadUtc = DateTime.MinValue;
            }

            batch.Clear();
        }
    }

    private async Task<IReadOnlyList<ILiveRoomObserver>> ObserversAsync()
    {
        if (DateTime.UtcNow - _observersReadUtc > ObserverRefresh)
        {
            _observers = await grains.LiveRoomRegistry().GetObserversAsync();
            _observersReadUtc = DateTime.UtcNow;
        }

        return _observers;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live push of {Count} events failed: {Error}")]
    private static partial void LogPushFailed(ILogger logger, int count, string error);
}
