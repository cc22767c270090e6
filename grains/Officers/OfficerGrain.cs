using Microsoft.Extensions.Options;
using Orleans.Runtime;
using TangerangLive.Grains.Attendance;
using TangerangLive.Grains.Dispatch;
using TangerangLive.Grains.Live;
using TangerangLive.Grains.Matching;
using TangerangLive.Grains.Zones;

namespace TangerangLive.Grains.Officers;

/// <inheritdoc cref="IOfficerGrain"/>
public sealed partial class OfficerGrain(
    [PersistentState("officer", StorageNames.Grains)] IPersistentState<OfficerState> state,
    CityModel city,
    DomainClock clock,
    ILiveEventSink live,
    IAttendanceStore attendance,
    IOfficerDirectory directory,
    IPositionLog positions,
    IOptions<DispatchTimingOptions> timing) : Grain, IOfficerGrain, IRemindable, IIncomingGrainCallFilter
{
    /// <summary>The silo's services, one shared holder instead of a field each in every officer grain (see <see cref="OfficerServices"/>).</summary>
    private readonly OfficerServices _services = OfficerServices.Of(city, clock, live, attendance, directory, positions, timing);

    private DateTimeOffset _lastHeard;
    private bool _dirty;

    /// <summary>
    /// The officer's last accepted fix is outside every zone (its <see cref="OfficerState.ZoneCode"/> is then null),
    /// so its index is the outside one. Known from the state at activation, then kept by <see cref="MoveToZone"/>.
    /// </summary>
    private bool _outside;

    private OfficerState S => state.State;

    /// <summary>
    /// The officer's id, made once: the key is turned into a new string on every read, and this id goes into every
    /// heartbeat's position record, live event and index update, so a fresh copy per heartbeat lived until the position
    /// log's next batch (2 s) and was promoted by the collector.
    /// </summary>
    private string OfficerId => _officerId ??= OfficerKey.IdOf(this.GetPrimaryKeyString());

    private string? _officerId;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        S.Tracker.OfflineThreshold = _services.City.Definition.Liveness.OfflineThreshold;
        await ReadRosterAsync(cancellationToken);
        if (!await ReclaimFromShardAsync())
        {
            await ResumeAsync(cancellationToken);
        }

        ShareRepeatedStrings();
        _lastTransitionAt = _services.Clock.Now;
        _outside = S.Online && S.ZoneCode is null && S.LastFix is { } fix && !_services.City.Map.Contains(fix.Lat, fix.Lon);
        // A silo may have died between this officer's write and the report's: keep checking while holding.
        ArmReconcile();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        StopReconciling();
        if (_handedOver)
        {
            return; // the shard holds the hot state; nothing else changed since the last write (see ReportPositionForShardAsync)
        }

        // After a failed write (the storage-fault filter deactivates with ApplicationError) memory may hold a
        // change storage refused: write nothing, the next activation reads what was stored.
        if (_dirty && S.Profile is not null && reason.ReasonCode != DeactivationReasonCode.ApplicationError)
        {
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public async Task<OfficerSnapshot> RegisterAsync(OfficerProfile profile)
    {
        await ApplyProfileAsync(profile);
        await _services.Directory.UpsertAsync(S.Profile!, S.UpdatedAt);
        return Snapshot();
    }

    public async Task<OfficerSnapshot?> GetAsync()
    {
        await LoadImportedProfileAsync();
        return S.Profile is null ? null : Snapshot();
    }

    public Task<string> GetHostingSiloAsync() => Task.FromResult(RuntimeIdentity);

    public async Task<CommandResult> StartShiftAsync()
    {
        await LoadImportedProfileAsync();
        if (S.Profile is not { Active: true })
        {
            return CommandResult.Refused(S.Profile is null ? "Officer is not on the roster." : "Officer is deactivated.");
        }

        if (S.Duty != OfficerDuty.OffDuty)
        {
            return CommandResult.Refused($"Already on duty ({S.Duty}).");
        }

        S.Duty = OfficerDuty.Available;
        S.ShiftStartedAt = _services.Clock.Now;
        await SaveAsync();
        await SyncZoneAsync();
        PublishStatus();
        return CommandResult.Success;
    }

    public async Task<CommandResult> EndShiftAsync()
    {
        if (S.Duty == OfficerDuty.OffDuty)
        {
            return CommandResult.Refused("Not on duty.");
        }

        if (S.Assignment is { } held)
        {
            return CommandResult.Refused($"Holding report {held.ComplaintId} ({held.Stage}); resolve or hand it back first.");
        }

        S.Duty = OfficerDuty.OffDuty;
        S.ShiftStartedAt = null;
        await SaveAsync();
        await SyncZoneAsync();
        PublishStatus();
        return CommandResult.Success;
    }

    public async Task<PositionAck> ReportPositionAsync(PositionReport report)
    {
        await LoadImportedProfileAsync();

        // A deactivated officer's devices no longer count: no liveness, no attendance, no position.
        if (S.Profile is not { Active: true })
        {
            return new PositionAck(false, null, [PositionAck.NotRegistered]);
        }

        var now = _services.Clock.Now;
        var wasOnline = S.Online;
        S.Online = true;
        var intervals = S.Tracker.ClosedCount;
        S.Tracker.Heartbeat(now);
        var silenceEnded = S.Tracker.ClosedCount != intervals;
        _lastHeard = now;
        _dirty = true;

        // The phone is online whatever the fix says; an implausible fix is flagged and its position not used.
        var found = _services.City.Map.FindZone(report.Lat, report.Lon);
        var check = IntegrityChecker.Check(S.Track, new Fix(report.Lat, report.Lon, report.DeviceTime, now, report.AccuracyMetres ?? 0, report.Mock), found is not null);
        S.Track = check.Track;
        var flagged = RecordFlags(check);
        string? zone = S.ZoneCode;
        if (check.Accepted)
        {
            S.LastFix = new GeoFix(report.Lat, report.Lon, now);
            zone = found?.Code;
            MoveToZone(zone);
            _services.Live.Publish(new OfficerMoved(now, OfficerId, S.Profile.Agency, zone, report.Lat, report.Lon));
        }
        else
        {
            RecordPosition();
        }

        // Positions and last-seen times are soft state: the zone's index, and the position log that the silo writes in
        // batches every few seconds. What is saved here is the officer's own state, at transitions only: coming online,
        // a new flag, and the end of a silence longer than the offline threshold (an interval closed), so the stretch
        // since the last save never hides a gap. A re-activation after a silo failure carries the open interval on to
        // the position log's last-seen time (ResumeAsync), so a heartbeat between transitions writes nothing: the
        // periodic per-officer save this replaces was 333 writes a second at 100,000 officers, all due together when
        // a shift starts, and queued heartbeats behind each grain's write (session 9).
        if (!wasOnline || flagged || silenceEnded)
        {
            await SaveAsync();
            PublishStatus();
            _lastTransitionAt = now;
        }

        return new PositionAck(check.Accepted, zone, check.Flags.IsEmpty ? [] : check.Flags.Select(f => f.Type.ToString()).ToList());
    }

    public async Task<OfferResponse> TryOfferAsync(AssignmentOffer offer)
    {
        if (S.Assignment?.ComplaintId == offer.ComplaintId)
        {
            return new OfferResponse(true, "Already holding this report.");
        }

        if (S.Profile is null)
        {
            return OfferResponse.Refused("Officer is not on the roster.");
        }

        if (!S.Profile.Active)
        {
            return OfferResponse.Refused("Officer is deactivated.");
        }

        if (!string.Equals(S.Profile.Agency, offer.Agency, StringComparison.OrdinalIgnoreCase))
        {
            return OfferResponse.Refused($"Officer belongs to {S.Profile.Agency}, the report to {offer.Agency}.");
        }

        if (S.Duty == OfficerDuty.OffDuty)
        {
            return OfferResponse.Refused("Officer is off duty.");
        }

        if (!S.Online && !offer.Preempt)
        {
            return OfferResponse.Refused("Officer is offline.");
        }

        string? preempted = null;
        if (S.Assignment is { } current)
        {
            if (!offer.Preempt)
            {
                return OfferResponse.Refused($"Officer is busy with report {current.ComplaintId} ({current.Stage}).");
            }

            preempted = current.ComplaintId;
        }

        var now = _services.Clock.Now;
        S.Duty = OfficerDuty.Offered;
        S.Assignment = new OfficerAssignment(offer.ComplaintId, OfficerDuty.Offered, now, offer.AckDeadline);
        // The zone learns that the officer is taken while the offer is written; the push leaves as soon as the offer is
        // durable, without waiting for the zone's answer (the index is soft state: the zone's own round only skips an
        // officer it still lists as available, and the officer refuses a second offer atomically either way).
        var zone = SyncZoneAsync();
        try
        {
            await SaveAsync();
        }
        catch
        {
            zone.Ignore();
            throw;
        }

        _services.Live.Publish(new AssignmentPushed(now, OfficerId, offer.ComplaintId, "offer", offer.Category, offer.Lat, offer.Lon, offer.AckDeadline, null));
        PublishStatus();
        ArmReconcile();
        await zone;
        return new OfferResponse(true, null, preempted);
    }

    public async Task<CommandResult> AdvanceAsync(string complaintId, OfficerDuty stage)
    {
        if (S.Assignment?.ComplaintId != complaintId)
        {
            return CommandResult.Refused($"Officer does not hold report {complaintId}.");
        }

        S.Duty = stage;
        S.Assignment = S.Assignment with { Stage = stage, Since = _services.Clock.Now, AckDeadline = null };
        await SaveAsync();
        PublishStatus();
        return CommandResult.Success;
    }

    public async Task<bool> ReleaseAsync(string complaintId, string reason)
    {
        if (S.Assignment?.ComplaintId != complaintId)
        {
            return false;
        }

        S.Assignment = null;
        S.Duty = S.Duty == OfficerDuty.OffDuty ? OfficerDuty.OffDuty : OfficerDuty.Available;
        await SaveAsync();
        await SyncZoneAsync();
        _services.Live.Publish(new AssignmentPushed(_services.Clock.Now, OfficerId, complaintId, "withdrawn", string.Empty, 0, 0, null, reason));
        PublishStatus();
        return true;
    }

    public async Task MarkOfflineAsync(DateTimeOffset lastHeard, string? zoneCode)
    {
        if (!S.Online || (S.LastFix is { } fix && fix.At > lastHeard))
        {
            return; // A newer heartbeat arrived after the sweep looked.
        }

        S.Online = false;
        S.Tracker.MarkOffline(_services.Clock.Now);
        if (S.ZoneCode == zoneCode)
        {
            // The sweeping index (a zone, or the outside index when null) has dropped the officer: it is in none now.
            S.ZoneCode = null;
            _outside = false;
        }

        await SaveAsync();
        PublishStatus();
    }

    /// <summary>
    /// One-way messages: the index the officer left forgets it, the new one indexes it. The index is the zone of
    /// the fix, or the outside index when the fix is in no zone (null); an officer staying in its zone sends no
    /// more than before.
    /// </summary>
    private void MoveToZone(string? zone)
    {
        var outside = zone is null;
        if (S.ZoneCode != zone || _outside != outside)
        {
            IndexOf(S.ZoneCode, _outside)?.RemoveOfficerAsync(OfficerId).Ignore();
        }

        S.ZoneCode = zone;
        _outside = outside;
        SyncZoneAsync().Ignore();
    }

    private IOfficerIndexGrain? IndexOf(string? zone, bool outside) => GrainFactory.IndexOf(_services.City, zone, outside);

    /// <summary>
    /// Tells the officer's index (its zone, or the outside index), one way, where it is and whether it can be
    /// matched, and hands the position and duty to the batched position log (a re-activated index rebuilds
    /// from it). The returned task is already complete: nothing here waits for the index or the database.
    /// </summary>
    private Task SyncZoneAsync()
    {
        RecordPosition();
        if (IndexOf(S.ZoneCode, _outside) is not { } index || S.LastFix is not { } fix || S.Profile is null)
        {
            return Task.CompletedTask;
        }

        if (S.Duty == OfficerDuty.OffDuty || !S.Online || !S.Profile.Active)
        {
            return index.RemoveOfficerAsync(OfficerId);
        }

        var available = S.Duty == OfficerDuty.Available;
        return index.UpdateOfficerAsync(new OfficerPosition(OfficerId, S.Profile.Agency, fix.Lat, fix.Lon, available, fix.At.UtcDateTime));
    }

    /// <summary>The latest position, duty and liveness, for the next batch of the position log.</summary>
    private void RecordPosition()
    {
        if (S.LastFix is not { } fix || S.Profile is null)
        {
            return;
        }

        var lastSeen = _lastHeard > fix.At ? _lastHeard : fix.At;
        _services.Positions.Record(new OfficerPositionRecord(OfficerId, S.Profile.Agency, S.ZoneCode, fix.Lat, fix.Lon, fix.At, lastSeen, S.Duty, S.Online, S.Profile.Active, _services.Clock.Now));
    }

    private async Task SaveAsync()
    {
        S.UpdatedAt = _services.Clock.Now;
        await state.WriteStateAsync();
        _dirty = false;
        _unsavedBesidesPosition = false;
    }

    private void PublishStatus() =>
        _services.Live.Publish(new OfficerStatusChanged(_services.Clock.Now, OfficerId, S.Profile?.Agency ?? string.Empty, S.ZoneCode, S.Duty.ToString(), S.Online, S.Assignment?.ComplaintId));

    private OfficerSnapshot Snapshot() =>
        new(S.Profile!, S.RegisteredAt, S.UpdatedAt, S.Duty, S.Online, S.LastFix, S.ZoneCode, S.Assignment, S.ShiftStartedAt, S.Flags?.ToList() ?? [], S.LastClosedDay);
}
