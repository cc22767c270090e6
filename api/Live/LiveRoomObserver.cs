using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using TangerangLive.Grains.Dispatch;
using TangerangLive.Grains.Live;

namespace TangerangLive.Api.Live;

/// <summary>
/// This silo's observer: registered with the registry (renewed on a lease) and pushing each batch to
/// the browsers and apps connected to this silo, through typed hub contexts. Assignment pushes, status
/// and report changes are pushed as they arrive. Officer positions are coalesced to the latest per
/// officer and sent at most every <see cref="PositionPeriod"/>, each screen getting only the positions
/// of what it watches (the whole city, one agency or one zone: see <see cref="LiveRoomHub"/>).
/// <para>
/// An assignment push caused on this silo is sent to this silo's officer connections at once
/// (<see cref="PushNow"/>, called by <see cref="LiveEventBatcher.Publish"/> in the officer grain's turn, right after its
/// offer is durable), not after the batcher's loop and the Orleans call to this observer: under load each of those
/// waited behind every queued heartbeat. The batch still reaches every silo's observer, so an officer connected to
/// another silo gets it from there; this silo's observer skips the pushes it already sent (by value), so nobody gets one twice.
/// </para>
/// </summary>
public sealed partial class LiveRoomObserver(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IHubContext<LiveRoomHub, ILiveRoomClient> liveRoom,
    IHubContext<OfficerHub, IOfficerClient> officers,
    ILogger<LiveRoomObserver> logger) : BackgroundService, ILiveRoomObserver
{
    public static readonly TimeSpan PositionPeriod = TimeSpan.FromMilliseconds(500);

    private readonly Lock _gate = new();

    // The latest position per officer since the last flush, kept as values: an event object kept here until the flush
    // (up to 500 ms) outlived a collection and was promoted, one per heartbeat. The two dictionaries swap at each flush,
    // so a flush allocates no new table either.
    private Dictionary<string, PendingMove> _moves = new(StringComparer.Ordinal);
    private Dictionary<string, PendingMove> _movesSpare = new(StringComparer.Ordinal);

    // Pushes sent by PushNow whose batch has not reached this observer yet, with when they were sent
    // (Environment.TickCount64), so that OnEventsAsync does not send them again; an entry whose batch never comes (the
    // batcher gave up) is dropped after a minute.
    private readonly ConcurrentDictionary<AssignmentPushed, long> _pushedHere = new();
    private const long ForgetPushedAfterMilliseconds = 60_000;

    /// <summary>
    /// Sends an assignment push caused on this silo to the officer's connections on this silo now, without waiting for
    /// the write to finish (a slow phone does not hold the caller); the batch that carries it skips it here.
    /// </summary>
    public void PushNow(AssignmentPushed push)
    {
        _pushedHere[push] = Environment.TickCount64;
        Task sent;
        try
        {
            sent = officers.Clients.Group(LiveGroups.Officer(push.OfficerId)).Assignment(push);
        }
        catch (Exception ex)
        {
            // Not sent: the batch sends it as before.
            _pushedHere.TryRemove(push, out _);
            LogPushNowFailed(logger, ex, push.OfficerId);
            return;
        }

        if (sent.IsCompletedSuccessfully)
        {
            RecordPushed(push);
            return;
        }

        sent.ContinueWith(
            t =>
            {
                if (t.IsFaulted)
                {
                    LogPushNowFailed(logger, t.Exception!.GetBaseException(), push.OfficerId);
                }
                else
                {
                    RecordPushed(push);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public async Task OnEventsAsync(IReadOnlyList<LiveEvent> batch)
    {
        // Officers' assignment pushes leave first, in their own order: an offer in a batch does not wait for the
        // report, status and counter changes queued before it to reach every screen (the screens' order is kept).
        foreach (var liveEvent in batch)
        {
            if (liveEvent is AssignmentPushed push && !_pushedHere.TryRemove(push, out _))
            {
                await officers.Clients.Group(LiveGroups.Officer(push.OfficerId)).Assignment(push);
                RecordPushed(push);
            }
        }

        foreach (var liveEvent in batch)
        {
            switch (liveEvent)
            {
                case OfficerMoved moved:
                    lock (_gate)
                    {
                        _moves[moved.OfficerId] = new PendingMove(moved.At, moved.Agency, moved.ZoneCode, moved.Lat, moved.Lon);
                    }

                    break;
                case ComplaintChanged change:
                    await Audience(change.Agency, change.ZoneCode).ComplaintChanged(change);
                    break;
                case OfficerStatusChanged status:
                    await Audience(status.Agency, status.ZoneCode).OfficerStatusChanged(status);
                    break;
                case OperatorAlert alert:
                    await liveRoom.Clients.All.Alert(alert);
                    break;
                case ZoneCountersChanged counters:
                    await liveRoom.Clients.All.ZoneCountersChanged(counters);
                    break;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var self = grains.CreateObjectReference<ILiveRoomObserver>(this);
        var registry = grains.LiveRoomRegistry();
        var lastRegistered = DateTime.MinValue;
        using var timer = new PeriodicTimer(PositionPeriod);
        do
        {
            if (DateTime.UtcNow - lastRegistered > LiveRoomRegistration.Renew)
            {
                try
                {
                    await registry.RegisterAsync(silo.SiloAddress.ToString(), self);
                    lastRegistered = DateTime.UtcNow;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // The registry may be moving after a silo died: try again on the next tick, never stop the host.
                    LogRegistrationFailed(logger, ex);
                }
            }

            await FlushPositionsAsync();
            ForgetOldPushes();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>The push stage: from the offer's engine time to its send to the officer's connections.</summary>
    private static void RecordPushed(AssignmentPushed push) => DispatchStages.Record(DispatchStages.Push, DateTimeOffset.UtcNow - push.At);

    private void ForgetOldPushes()
    {
        if (_pushedHere.IsEmpty)
        {
            return;
        }

        var now = Environment.TickCount64;
        foreach (var (push, sentAt) in _pushedHere)
        {
            if (now - sentAt > ForgetPushedAfterMilliseconds)
            {
                _pushedHere.TryRemove(push, out _);
            }
        }
    }

    private async Task FlushPositionsAsync()
    {
        Dictionary<string, PendingMove> moves;
        lock (_gate)
        {
            if (_moves.Count == 0)
            {
                return;
            }

            (moves, _moves) = (_moves, _movesSpare);
        }

        var all = new List<OfficerMoved>(moves.Count);
        foreach (var (officerId, move) in moves)
        {
            all.Add(new OfficerMoved(move.At, officerId, move.Agency, move.ZoneCode, move.Lat, move.Lon));
        }

        // Only this loop flushes, so the table just read becomes the spare for the next flush.
        moves.Clear();
        _movesSpare = moves;
        await liveRoom.Clients.Group(LiveGroups.All).OfficersMoved(all);
        foreach (var byAgency in all.GroupBy(m => m.Agency))
        {
            await liveRoom.Clients.Group(LiveGroups.Agency(byAgency.Key)).OfficersMoved(byAgency.ToList());
        }

        foreach (var byZone in all.Where(m => m.ZoneCode is not null).GroupBy(m => m.ZoneCode!))
        {
            await liveRoom.Clients.Group(LiveGroups.Zone(byZone.Key)).OfficersMoved(byZone.ToList());
        }
    }

    private ILiveRoomClient Audience(string agency, string? zone) =>
        liveRoom.Clients.Groups(zone is null
            ? [LiveGroups.All, LiveGroups.Agency(agency)]
            : [LiveGroups.All, LiveGroups.Agency(agency), LiveGroups.Zone(zone)]);

    /// <summary>An officer's latest position waiting for the next flush (the officer id is the key).</summary>
    private readonly record struct PendingMove(DateTimeOffset At, string Agency, string? ZoneCode, double Lat, double Lon);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending an assignment push to officer {OfficerId} on this silo failed")]
    private static partial void LogPushNowFailed(ILogger logger, Exception exception, string officerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registering this silo's Live Room observer failed; retrying on the next tick")]
    private static partial void LogRegistrationFailed(ILogger logger, Exception exception);
}
