namespace TangerangLive.Grains.Officers;

/// <summary>
/// Dormancy: an officer on shift, online and free that hears nothing but heartbeats for
/// <see cref="Dispatch.DispatchTimingOptions.OfficerDormantAfter"/> hands its hot state (position, last-seen time,
/// integrity track, index) to its shard with the answer to a heartbeat the shard passed on, and deactivates; the shard
/// applies its plain heartbeats until something else reaches the grain, which then takes the state back as it
/// activates. At 100,000 officers on shift this is the difference between an Orleans activation per officer (about
/// 2 KB with its state) and a table entry.
/// </summary>
public sealed partial class OfficerGrain
{
    /// <summary>When something other than a plain heartbeat last reached this activation (or it activated).</summary>
    private DateTimeOffset _lastTransitionAt = DateTimeOffset.MinValue;

    /// <summary>This activation handed its hot state to the shard and is deactivating: it no longer owns it.</summary>
    private bool _handedOver;

    /// <summary>
    /// The state holds a change that is neither hot state nor saved (a repeated flag's count, a cleared legacy
    /// reminder mark): written before a hand-over, which otherwise writes nothing.
    /// </summary>
    private bool _unsavedBesidesPosition;

    private IOfficerShardGrain Shard => GrainFactory.OfficerShard(OfficerId);

    public async Task<ShardedPositionAck> ReportPositionForShardAsync(PositionReport report)
    {
        if (_handedOver)
        {
            return ShardedPositionAck.Bounced;
        }

        var ack = await ReportPositionAsync(report);
        return new ShardedPositionAck(ack, await HandOverIfQuietAsync());
    }

    public async Task<DirectPositionAck> ReportPositionDirectAsync(PositionReport report)
    {
        if (_handedOver)
        {
            return DirectPositionAck.Bounced;
        }

        var ack = await ReportPositionAsync(report);
        if (await HandOverIfQuietAsync() is not { } dormant)
        {
            return new DirectPositionAck(ack, false);
        }

        try
        {
            await Shard.KeepAsync(dormant);
        }
        catch
        {
            // The shard did not take it: this activation keeps (and, deactivating, writes) its state.
            _handedOver = false;
            throw;
        }

        return new DirectPositionAck(ack, true);
    }

    /// <summary>
    /// When the officer has heard nothing but heartbeats for <see cref="Dispatch.DispatchTimingOptions.OfficerDormantAfter"/>
    /// and can be dormant, this activation gives up its hot state (returned, for the shard to keep) and deactivates.
    /// </summary>
    private async Task<DormantOfficer?> HandOverIfQuietAsync()
    {
        var now = _services.Clock.Now;
        if (_services.Timing.Value.OfficerDormantAfter is not { } after || now - _lastTransitionAt < after || !CanBeDormant || S.LastFix is not { } fix)
        {
            return null;
        }

        if (_unsavedBesidesPosition)
        {
            await SaveAsync();
        }

        var lastHeard = S.Tracker.LastHeartbeat is { } last && last > fix.At ? last : fix.At;
        _handedOver = true;
        DeactivateOnIdle();
        return new DormantOfficer(OfficerId, S.Profile!.Agency, S.ZoneCode, _outside, fix.Lat, fix.Lon, fix.At, lastHeard, S.Track);
    }

    /// <summary>
    /// Every call but a heartbeat is a transition: the officer stays active for a while after it. A call that reaches
    /// this activation after it handed its state over (before it deactivated) first takes the state back, so that
    /// nothing is decided on a stale copy; the activation then deactivates as any other, writing what it holds.
    /// </summary>
    async Task IIncomingGrainCallFilter.Invoke(IIncomingGrainCallContext context)
    {
        var method = context.ImplementationMethod.Name;
        if (_handedOver && method is not nameof(ReportPositionForShardAsync) and not nameof(ReportPositionDirectAsync))
        {
            _handedOver = false;
            await ReclaimFromShardAsync();
        }

        if (method is not nameof(ReportPositionAsync) and not nameof(ReportPositionForShardAsync) and not nameof(ReportPositionDirectAsync))
        {
            _lastTransitionAt = _services.Clock.Now;
        }

        await context.Invoke();
    }

    /// <summary>The activation (and, for a grain that had handed its state over, the reclaim in the call filter) is the work.</summary>
    public Task WakeAsync() => Task.CompletedTask;

    /// <summary>The officer can be held by its shard: on shift and free, online, active, indexed by a known position.</summary>
    private bool CanBeDormant =>
        S.Online && S.Tracker.IsOnline && S.Profile is { Active: true } && S.Duty == OfficerDuty.Available && S.Assignment is null
        && S.LastFix is not null && (S.ZoneCode is not null || _outside);

    /// <summary>
    /// Takes the hot state back from the shard if the shard holds it (fresher than the position log, which is then not
    /// read): on activation of an officer whose stored state says online, or after a hand-over a call overtook.
    /// False when the shard does not hold it.
    /// </summary>
    private async Task<bool> ReclaimFromShardAsync()
    {
        if (!S.Online || S.Profile is null || await Shard.ReclaimAsync(OfficerId) is not { } dormant)
        {
            return false;
        }

        S.Tracker.Resume(dormant.LastHeard);
        _lastHeard = dormant.LastHeard;
        S.LastFix = new GeoFix(dormant.Lat, dormant.Lon, dormant.FixAt);
        S.ZoneCode = SharedStrings.Get(dormant.ZoneCode);
        _outside = dormant.Outside;
        S.Track = dormant.Track;
        _dirty = true;
        return true;
    }
}
