namespace TangerangLive.Grains.Officers;

/// <summary>
/// Dormancy: an officer on shift, online and free that hears nothing but heartbeats for
/// <see cref="Dispatch.DispatchTimingOptions.OfficerDormantAfter"/> hands its hot state (position, last-seen time,
/// integrity track, index) to its shard and deactivates; the shard applies its plain heartbeats until something else
/// reaches the grain, which then takes the state back as it activates. At 100,000 officers on shift this is the
/// difference between an Orleans activation per officer (about 2 KB with its state) and a table entry.
/// </summary>
public sealed partial class OfficerGrain
{
    /// <summary>When something other than a plain heartbeat last reached this activation (or it activated).</summary>
    private DateTimeOffset _lastTransitionAt = DateTimeOffset.MinValue;

    /// <summary>This activation asked to be deactivated so as to hand its hot state to the shard.</summary>
    private bool _handingOver;

    /// <summary>
    /// The state holds a change that is neither hot state nor saved (a repeated flag's count, a cleared legacy
    /// reminder mark): written before a hand-over, which otherwise writes nothing.
    /// </summary>
    private bool _unsavedBesidesPosition;

    private IOfficerShardGrain Shard => GrainFactory.OfficerShard(OfficerId);

    /// <summary>Every call but a heartbeat is a transition: the officer stays active for a while after it.</summary>
    async Task IIncomingGrainCallFilter.Invoke(IIncomingGrainCallContext context)
    {
        if (context.ImplementationMethod.Name != nameof(ReportPositionAsync))
        {
            _lastTransitionAt = _services.Clock.Now;
        }

        await context.Invoke();
    }

    /// <summary>The officer can be held by its shard: on shift and free, online, active, indexed by a known position.</summary>
    private bool CanBeDormant =>
        S.Online && S.Tracker.IsOnline && S.Profile is { Active: true } && S.Duty == OfficerDuty.Available && S.Assignment is null
        && S.LastFix is not null && (S.ZoneCode is not null || _outside);

    /// <summary>After a heartbeat: asks to be deactivated when nothing but heartbeats arrived for the configured while.</summary>
    private void GoDormantWhenQuiet(DateTimeOffset now)
    {
        if (_handingOver || _services.Timing.Value.OfficerDormantAfter is not { } after || now - _lastTransitionAt < after || !CanBeDormant)
        {
            return;
        }

        _handingOver = true;
        DeactivateOnIdle();
    }

    /// <summary>
    /// On deactivation after <see cref="GoDormantWhenQuiet"/>: hands the hot state to the shard. False (and the usual
    /// deactivation write follows) when the officer may no longer be held or the shard could not be reached.
    /// </summary>
    private async Task<bool> HandOverToShardAsync()
    {
        if (!_handingOver || !CanBeDormant || S.LastFix is not { } fix)
        {
            return false;
        }

        try
        {
            if (_unsavedBesidesPosition)
            {
                await SaveAsync();
            }

            var lastHeard = S.Tracker.LastHeartbeat is { } last && last > fix.At ? last : fix.At;
            await Shard.AdoptAsync(new DormantOfficer(OfficerId, S.Profile!.Agency, S.ZoneCode, _outside, fix.Lat, fix.Lon, fix.At, lastHeard, S.Track));
            return true;
        }
        catch (Exception)
        {
            // The shard or storage failed: deactivate as any officer does. Its next heartbeat activates it again and
            // it resumes from the stored state and the position log.
            return false;
        }
    }

    /// <summary>
    /// On activation of an officer whose stored state says online: takes its hot state back from the shard if the
    /// shard holds it (fresher than the position log, which is then not read). False when the shard does not.
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
        S.ZoneCode = dormant.ZoneCode;
        S.Track = dormant.Track;
        _dirty = true;
        return true;
    }
}
