using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core;
using Orleans.Runtime;
using Orleans.Storage;
using TangerangLive.Grains.City;
using TangerangLive.Grains.Dispatch;
using TangerangLive.Grains.Live;
using TangerangLive.Grains.Matching;
using TangerangLive.Grains.Zones;

namespace TangerangLive.Grains.Complaints;

/// <inheritdoc cref="IComplaintGrain"/>
public sealed partial class ComplaintGrain(
    [FromKeyedServices(StorageNames.Grains)] IGrainStorage storage,
    CityModel city,
    DomainClock clock,
    ILiveEventSink live,
    IComplaintProjection projection,
    IOptions<DispatchTimingOptions> timing,
    IOptions<CrashPointOptions> crashPoints,
    ILogger<ComplaintGrain> logger) : Grain, IComplaintGrain, IRemindable, IIncomingGrainCallFilter
{
    private const string System = "system";
    private const string WatchReminder = "dispatch-watch";

    /// <summary>
    /// The report's stored state (state name "complaint", as before), read when the activation's first call needs it,
    /// not when the activation starts: a new report's submission writes without reading first (see
    /// <see cref="SubmitAsync"/>), which takes one storage round trip off every submission.
    /// </summary>
    private StateStorageBridge<ComplaintState> _state = null!;

    /// <summary>The read of <see cref="_state"/> and the resumption after it, once per activation (null until started).</summary>
    private Task? _loading;

    private ITimer? _deadlineTimer;
    private IGrainReminder? _watch;
    private IComplaintGrain _self = null!;
    private Task<IReadOnlyList<MatchCandidate>?>? _firstRound;
    private long _firstRoundStarted;

    /// <summary>The first offer, made while the report's first write is under way; the dispatch that follows takes it.</summary>
    private Task<OfferAhead?>? _offerAhead;

    /// <summary>
    /// True from a submission's answer until the dispatch that follows it has run: every other call but a read runs
    /// that dispatch first, so the officer offered ahead (who may acknowledge at once) finds the report naming it.
    /// </summary>
    private bool _dispatchDue;

    private ComplaintState S => _state.State;

    /// <summary>The report's id, made once (the key is turned into a new string on every read).</summary>
    private string ComplaintId => _complaintId ??= ComplaintKey.IdOf(this.GetPrimaryKeyString());

    private string? _complaintId;

    private CategoryDefinition Category => city.Definition.FindCategory(S.Report!.Category)!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _self = this.AsReference<IComplaintGrain>();
        _state = new StateStorageBridge<ComplaintState>(StateName, GrainContext, storage);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Every call but a submission reads the stored report first (once per activation). A submission writes a new
    /// report without reading: the write is an insert that storage refuses when the report exists (a retry with the
    /// same Idempotency-Key), and only then is the report read and the submission answered from it.
    /// </summary>
    async Task IIncomingGrainCallFilter.Invoke(IIncomingGrainCallContext context)
    {
        var method = context.ImplementationMethod.Name;
        if (_loading is not { IsCompletedSuccessfully: true } && method != nameof(SubmitAsync))
        {
            await EnsureLoadedAsync();
        }

        if (_dispatchDue && method is not (nameof(DispatchAsync) or nameof(GetAsync) or nameof(RecommendAsync)))
        {
            await RunDueDispatchAsync();
        }

        await context.Invoke();
    }

    private const string StateName = "complaint";

    private Task EnsureLoadedAsync()
    {
        if (_loading is null || _loading.IsFaulted || _loading.IsCanceled)
        {
            _loading = LoadAsync();
        }

        return _loading;
    }

    /// <summary>Reads the stored report and resumes where storage left off (what activation did before the read was deferred).</summary>
    private async Task LoadAsync()
    {
        await _state.ReadStateAsync();
        if (S.Report is not null)
        {
            // Resume where storage left off: re-arm the open offer's deadline, let the query model catch up.
            ArmDeadline();
            projection.Enqueue(Snapshot());
            if (NeedsWatch)
            {
                // Submission writes the report and registers its watch together, so a silo that died between the two
                // may have left a stored report without its watch: whoever activates the report next registers it.
                await WatchAsync();
            }

            if (S.Status is ComplaintStatus.Received or ComplaintStatus.Dispatching)
            {
                _self.DispatchAsync().Ignore();
            }
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deadlineTimer?.Dispose();
        return Task.CompletedTask;
    }

    public async Task<SubmitOutcome> SubmitAsync(ComplaintSubmission submission)
    {
        // Not read yet (the activation's first call): the new report is written as an insert, without reading first.
        var unread = _loading is null;
        if (unread)
        {
            _state.State = new ComplaintState();
        }

        if (S.Report is not null)
        {
            return S.Fingerprint == submission.Fingerprint
                ? new SubmitOutcome(SubmitOutcomeKind.Replayed, Snapshot(), null)
                : new SubmitOutcome(SubmitOutcomeKind.Conflict, Snapshot(), "This idempotency key was already used for a different report.");
        }

        var category = city.Definition.FindCategory(submission.Category);
        if (category is null)
        {
            return new SubmitOutcome(SubmitOutcomeKind.Rejected, null, $"Unknown category '{submission.Category}'.");
        }

        var zone = city.Map.FindZone(submission.Lat, submission.Lon);
        if (zone is null)
        {
            return new SubmitOutcome(SubmitOutcomeKind.Rejected, null, "The point is outside the city.");
        }

        if (submission.PriorityOverride is { Priority: < CategoryDefinition.HighestPriority or > CategoryDefinition.LowestPriority })
        {
            return new SubmitOutcome(SubmitOutcomeKind.Rejected, null, "Priority must be 1 (highest) to 4 (lowest).");
        }

        var answers = (submission.Attributes ?? []).ToDictionary(a => a.Code, a => a.Values.ToArray(), StringComparer.Ordinal);
        if (AttributeAnswers.Check(category, answers, requireAnswers: false, out var accepted) is [var problem, ..])
        {
            return new SubmitOutcome(SubmitOutcomeKind.Rejected, null, $"attribute[{problem.Code}]: {problem.Message}");
        }

        var now = clock.Now;
        var priority = submission.PriorityOverride?.Priority ?? category.Priority;
        S.Report = new ComplaintReport(
            ComplaintId, category.Code, category.Agency, submission.Description, submission.Lat, submission.Lon, zone.Code,
            submission.Photos, submission.Reporter, submission.Channel, priority, now, now + category.Sla,
            accepted.Count == 0 ? null : [.. category.AttributeList.Where(a => accepted.ContainsKey(a.Code)).Select(a => new AttributeAnswer(a.Code, accepted[a.Code]))]);
        S.Fingerprint = submission.Fingerprint;
        S.Status = ComplaintStatus.Received;
        var actor = submission.Reporter.UserId ?? "citizen";
        Record("received", actor, null, null, $"{category.Code} in {zone.Code} {zone.Name} via {submission.Channel}");
        if (submission.PriorityOverride is { } priorityOverride && priorityOverride.Priority != category.Priority)
        {
            Record("priority-changed", actor, priorityOverride.Reason, null, $"{category.Priority} -> {priority} at intake");
        }

        // The first matching round needs only the report, so it runs while the report is written; dispatch uses it
        // if nothing was tried meanwhile (an officer taken in between refuses the offer, as in any race).
        _firstRoundStarted = Stopwatch.GetTimestamp();
        _firstRound = LookAheadAsync();

        // The first offer goes out beside the write too (the officer's hub hears of it one storage round trip sooner).
        // The safe direction: the officer holds the report before the report names the officer, as in every offer; a
        // write that fails, or a duplicate or pause found after it, lets the officer go (ReleaseAfterSaveAsync).
        _offerAhead = OfferAheadAsync(_firstRound);

        // The watch and the report's write go out together: one storage round trip of waiting instead of two. The
        // caller is answered only after both landed; a silo dying between them leaves either nothing the next
        // activation reads (no report, so the watch stops itself) or a report not yet acknowledged whose next
        // activation (the client's retry with its key) registers the missing watch.
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (crashPoints.Value.AfterReportWriteWithoutWatch)
            {
                await SaveAsync("received");
                CrashPointOptions.CrashIf(true);
            }

            await SaveAsync("received", DispatchStages.Timed(WatchAsync(), DispatchStages.StoreWatch), DispatchStages.StoreWrite);
        }
        catch (Exception e) when (unread && IsStoredAlready(e))
        {
            // Storage refused the insert: the report exists (a retry with the same Idempotency-Key reached a new
            // activation). Read it, resume it as any activation would, and answer from it: a replay or a conflict.
            // The look-ahead was made for the refused submission (on a conflict, another point): dispatch must not use it.
            _firstRound = null;
            var ahead = TakeOfferAhead();
            await EnsureLoadedAsync();
            await WithdrawOfferAheadAsync(ahead, "the report was submitted before");
            return await SubmitAsync(submission);
        }
        catch
        {
            // The reminder or the write failed (its silo died mid-call): the report may exist only in this
            // activation. Drop it, so the client's retry with the same key re-reads storage and stores it, instead
            // of "replaying" a report that was never stored (found by loadtest failover). An officer offered ahead
            // is let go (if this fails too, the officer's own check finds no report naming it and lets go).
            DeactivateOnIdle();
            await WithdrawOfferAheadAsync(TakeOfferAhead(), "the report could not be stored");
            throw;
        }

        DispatchStages.Record(DispatchStages.Store, started);
        if (unread)
        {
            // What this activation holds is what storage holds now: later calls need not read it.
            _loading = Task.CompletedTask;
        }

        // Dispatch runs in its own turn, after the caller has its answer (or first thing in the next call).
        _dispatchDue = true;
        _self.DispatchAsync().Ignore();
        return new SubmitOutcome(SubmitOutcomeKind.Created, Snapshot(), null);
    }

    /// <summary>Storage's answer to inserting a report that exists (as the storage bridge passes it on).</summary>
    private static bool IsStoredAlready(Exception e) => e is InconsistentStateException || e.InnerException is InconsistentStateException;

    public Task<ComplaintSnapshot?> GetAsync() => Task.FromResult(S.Report is null ? null : Snapshot());

    /// <summary>
    /// The watch: every <see cref="DispatchTimingOptions.WatchPeriod"/> until the report closes or goes to the operators, on whichever
    /// silo is alive. It resumes dispatch (Received, Dispatching, Queued), expires an offer whose timer died with
    /// its silo, and makes the holding officer agree with the report.
    /// </summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (S.Report is null || S.Status.IsClosed() || S.Status is ComplaintStatus.Escalated)
        {
            await StopWatchAsync();
            return;
        }

        if (S.Status is ComplaintStatus.Offered && S.Offer is { } offer)
        {
            await OfferDeadlineAsync(offer.Seq);
        }
        else if (S.Status is ComplaintStatus.Received or ComplaintStatus.Dispatching or ComplaintStatus.Queued)
        {
            await DispatchAsync();
        }
        else if (S.Status.IsHeld())
        {
            await ReconcileHolderAsync();
        }
    }

    /// <summary>
    /// Adds a timeline entry (sequence numbers keep counting across elided ones). The grain keeps the newest
    /// <see cref="ComplaintBounds.MaxTimelineEntries"/>; the query model keeps every entry.
    /// </summary>
    private void Record(string kind, string actor, string? reason, string? officerId, string? detail = null, DateTimeOffset? at = null)
    {
        S.Timeline.Add(new TimelineEntry(S.TimelineElided + S.Timeline.Count + 1, at ?? clock.Now, kind, actor, reason, officerId, detail));
        if (S.Timeline.Count > ComplaintBounds.MaxTimelineEntries)
        {
            var excess = S.Timeline.Count - ComplaintBounds.MaxTimelineEntries;
            S.Timeline.RemoveRange(0, excess);
            S.TimelineElided += excess;
        }
    }

    /// <summary>The report waits on its watch: from arrival until it closes or goes to the operators' queue.</summary>
    private bool NeedsWatch => S.Report is not null && !S.Status.IsClosed() && S.Status is not ComplaintStatus.Escalated;

    private Task SaveAsync(string liveEvent) => SaveAsync(liveEvent, Task.CompletedTask);

    /// <summary>
    /// Writes the state, awaiting <paramref name="alongside"/> (another write started by the caller) with it; the write
    /// alone is recorded as <paramref name="writeStage"/> when one is named.
    /// </summary>
    private async Task SaveAsync(string liveEvent, Task alongside, string? writeStage = null)
    {
        S.Version++;
        S.UpdatedAt = clock.Now;
        var write = _state.WriteStateAsync();
        await Task.WhenAll(writeStage is null ? write : DispatchStages.Timed(write, writeStage), alongside);
        var snapshot = Snapshot();
        projection.Enqueue(snapshot);
        live.Publish(new ComplaintChanged(
            S.UpdatedAt, ComplaintId, S.Status.ToString(), S.Report!.Category, S.Report.Agency, S.Report.ZoneCode,
            S.Report.Lat, S.Report.Lon, S.OfficerId, S.Report.Priority, liveEvent, S.Report.Channel));
    }

    private async Task WatchAsync() => _watch = await this.RegisterOrUpdateReminder(WatchReminder, timing.Value.WatchPeriod, timing.Value.WatchPeriod);

    /// <summary>Ends the watch; the reminder this activation registered is removed without reading it back first.</summary>
    private async Task StopWatchAsync()
    {
        var reminder = _watch ?? await this.GetReminder(WatchReminder);
        _watch = null;
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task CloseInZoneAsync() => await GrainFactory.Zone(S.Report!.ZoneCode).CloseComplaintAsync(ComplaintId, S.Report.SubmittedAt);

    private ComplaintSnapshot Snapshot() =>
        new(S.Report!, S.Status, S.OfficerId, S.Offer, S.Attempts, S.Timeline.ToList(), S.DuplicateOf, S.Duplicates.ToList(), S.ProofPhoto, S.Version, S.UpdatedAt,
            S.DuplicatesUnlisted, S.TimelineElided);

    private ComplaintCommandResult Ok() => new(true, null, Snapshot());

    private ComplaintCommandResult Refuse(string reason) => ComplaintCommandResult.Refused(reason, S.Report is null ? null : Snapshot());

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {ComplaintId} escalated: {Reason}")]
    private static partial void LogEscalated(ILogger logger, string complaintId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {ComplaintId} offered to {OfficerId} at {DistanceMetres:F0} m (attempt {Attempt})")]
    private static partial void LogOffered(ILogger logger, string complaintId, string officerId, double distanceMetres, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {ComplaintId}: the first matching round looked ahead failed; dispatch searches again")]
    private static partial void LogLookAheadFailed(ILogger logger, Exception exception, string complaintId);
}
