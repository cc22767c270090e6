using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TangerangLive.Grains.Live;

namespace TangerangLive.Api.Live;

/// <summary>
/// The per-silo end of the fan-out: grains publish here without waiting, on two paths. Positions and zone
/// counters (latest wins, so losing an old one costs nothing) wait in a bounded drop-oldest queue and go
/// every <see cref="FlushPeriod"/> as one batch. Everything else (assignment offers, status and report
/// changes, alerts) goes on a queue that never drops and is sent as soon as it arrives, so an offer never
/// waits for the position batch (and an assignment push reaches this silo's officers at once, see
/// <see cref="LiveRoomObserver.PushNow"/>). Each batch goes to every silo's observer (the list is refreshed from the
/// registry every few seconds), so a browser connected to any silo sees events caused on any other.
/// </summary>
public sealed partial class LiveEventBatcher(IGrainFactory grains, LiveRoomObserver local, ILogger<LiveEventBatcher> logger) : BackgroundService, ILiveEventSink
{
    public static readonly TimeSpan FlushPeriod = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ObserverRefresh = TimeSpan.FromSeconds(3);
    private const int MaxBatch = 2_000;

    private readonly Channel<LiveEvent> _positions = Channel.CreateBounded<LiveEvent>(new BoundedChannelOptions(100_000)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    private readonly Channel<LiveEvent> _transitions = Channel.CreateUnbounded<LiveEvent>(new UnboundedChannelOptions { SingleReader = true });

    private IReadOnlyList<ILiveRoomObserver> _observers = [];
    private long _observersReadTicks = -1;

    /// <summary>True for the events that are coalesced and may be dropped under overload: positions and counters.</summary>
    public static bool IsCoalesced(LiveEvent liveEvent) => liveEvent is OfficerMoved or ZoneCountersChanged;

    public void Publish(LiveEvent liveEvent)
    {
        if (liveEvent is AssignmentPushed push)
        {
            // This silo's officer connections get it now; the batch below takes it to the other silos.
            local.PushNow(push);
        }

        var queue = IsCoalesced(liveEvent) ? _positions : _transitions;
        queue.Writer.TryWrite(liveEvent);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(SendTransitionsAsync(stoppingToken), SendPositionsAsync(stoppingToken));

    /// <summary>Sends transitions the moment they arrive (with whatever else queued meanwhile).</summary>
    private async Task SendTransitionsAsync(CancellationToken stoppingToken)
    {
        var batch = new List<LiveEvent>();
        while (await _transitions.Reader.WaitToReadAsync(stoppingToken))
        {
            while (batch.Count < MaxBatch && _transitions.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            // A transition is not dropped for a stale observer list: read the list again and retry once.
            if (!await SendAsync(batch) && !await SendAsync(batch))
            {
                LogPushFailed(logger, batch.Count, "after a retry");
            }

            batch.Clear();
        }
    }

    private async Task SendPositionsAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushPeriod);
        var batch = new List<LiveEvent>(MaxBatch);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            while (batch.Count < MaxBatch && _positions.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            if (batch.Count > 0)
            {
                await SendAsync(batch);
                batch.Clear();
            }
        }
    }

    private async Task<bool> SendAsync(List<LiveEvent> batch)
    {
        try
        {
            var events = batch.ToArray();
            foreach (var observer in await ObserversAsync())
            {
                await observer.OnEventsAsync(events);
            }

            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Positions are best effort: the next batch carries newer ones.
            LogPushFailed(logger, batch.Count, ex.Message);
            Interlocked.Exchange(ref _observersReadTicks, -1);
            return false;
        }
    }

    private async Task<IReadOnlyList<ILiveRoomObserver>> ObserversAsync()
    {
        var now = Environment.TickCount64;
        var readAt = Interlocked.Read(ref _observersReadTicks);
        if (readAt < 0 || now - readAt > (long)ObserverRefresh.TotalMilliseconds)
        {
            _observers = await grains.LiveRoomRegistry().GetObserversAsync();
            Interlocked.Exchange(ref _observersReadTicks, now);
        }

        return _observers;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live push of {Count} events failed: {Error}")]
    private static partial void LogPushFailed(ILogger logger, int count, string error);
}
