using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TangerangLive.Grains.Dispatch;
using TangerangLive.Grains.Live;
using TangerangLive.Grains.Matching;
using TangerangLive.Grains.Officers;
using TangerangLive.Grains.Zones;

namespace TangerangLive.Grains.Complaints;

/// <summary>Automatic dispatch: duplicates, pauses, exact nearest matching, offers, deadlines, escalation.</summary>
public sealed partial class ComplaintGrain
{
    /// <summary>Candidates fetched per matching round; busy ones are skipped and the next round looks further.</summary>
    private const int CandidatesPerRound = 3;

    /// <summary>
    /// How old the round looked ahead at submission may be when dispatch starts and still be used: a report's write
    /// takes about 2 ms (so the round is used), and a round older than this is searched again.
    /// </summary>
    private static readonly TimeSpan LookAheadFreshness = TimeSpan.FromMilliseconds(100);

    public async Task DispatchAsync()
    {
        _dispatchDue = false;
        var ahead = TakeOfferAhead() is { } offering ? await offering : null;
        if (S.Report is null)
        {
            return;
        }

        if (S.Status is not (ComplaintStatus.Received or ComplaintStatus.Dispatching or ComplaintStatus.Queued))
        {
            await WithdrawOfferAheadAsync(ahead, $"the report is {S.Status}");
            await NoteOperatorWasFirstAsync();
            return;
        }

        // Only the dispatch that follows the submission uses the round looked ahead, and only while it is fresh; a
        // later one (after a pause, a refusal, a deadline) searches afresh. Under overload the report's write has taken
        // seconds (measured: 2.9 s at the median with 10,000 officers beside 5,000 heartbeats/s), and a round that old
        // missed an officer freed meanwhile next to the report: the load test's nearest-officer check caught one.
        var firstRound = Stopwatch.GetElapsedTime(_firstRoundStarted) <= LookAheadFreshness ? _firstRound : null;
        _firstRound = null;
        var heldAhead = ahead is { Response.Accepted: true } ? ahead.Candidate.OfficerId : null;
        var started = Stopwatch.GetTimestamp();
        if (S.Status == ComplaintStatus.Received)
        {
            // An offer made ahead means the neighbouring zones were searched for an original moments ago; the own
            // zone is asked again either way, since only its answer is atomic.
            var duplicate = await LinkToDuplicateAsync(neighboursChecked: ahead is not null);
            DispatchStages.Record(DispatchStages.Duplicate, started);
            if (duplicate)
            {
                await ReleaseAfterSaveAsync(heldAhead, "the report is a duplicate");
                return;
            }

            started = Stopwatch.GetTimestamp();
        }

        var paused = await HoldIfPausedAsync();
        DispatchStages.Record(DispatchStages.Pause, started);
        if (paused)
        {
            await ReleaseAfterSaveAsync(heldAhead, "automatic dispatch paused");
            return;
        }

        if (city.Definition.FindAgency(S.Report.Agency) is { Dispatches: false })
        {
            await EscalateAsync($"{S.Report.Agency} takes reports without field dispatch");
            await ReleaseAfterSaveAsync(heldAhead, "the agency takes reports without field dispatch");
            return;
        }

        S.Status = ComplaintStatus.Dispatching;
        var busy = new HashSet<string>(StringComparer.Ordinal);
        if (ahead is not null)
        {
            if (heldAhead is not null && await StillNearestAsync(ahead))
            {
                await RecordOfferAsync(ahead.Candidate, ahead.Deadline, ahead.At);
                return;
            }

            if (heldAhead is null)
            {
                // Refused (taken meanwhile): the loop below goes on without that officer. One let go for someone
                // nearer is free again and is searched with everyone else.
                busy.Add(ahead.Candidate.OfficerId);
            }
        }

        while (true)
        {
            if (S.Attempts >= Category.MaxAttempts)
            {
                await EscalateAsync($"no acknowledgement after {S.Attempts} offers");
                return;
            }

            started = Stopwatch.GetTimestamp();
            var lookedAhead = firstRound is not null && S.Tried.Count == 0 ? Without(await firstRound, busy) : null;
            firstRound = null;
            var candidates = lookedAhead ?? await FindCandidatesAsync(CandidatesPerRound, S.Tried.Concat(busy).ToList());
            DispatchStages.Record(DispatchStages.Match, started);
            if (candidates.Count == 0)
            {
                await EscalateAsync(busy.Count > 0
                    ? $"every {S.Report.Agency} officer within {Category.MaxRadiusMetres:F0} m is busy"
                    : $"no available {S.Report.Agency} officer within {Category.MaxRadiusMetres:F0} m");
                return;
            }

            foreach (var candidate in candidates)
            {
                if (await TryOfferAsync(candidate))
                {
                    return;
                }

                busy.Add(candidate.OfficerId);
            }
        }
    }

    public async Task OfferDeadlineAsync(int offerSeq)
    {
        if (S.Status != ComplaintStatus.Offered || S.Offer is not { } offer || offer.Seq != offerSeq)
        {
            return;
        }

        if (clock.Now < offer.Deadline)
        {
            ArmDeadline();
            return;
        }

        Record("offer-expired", System, "not acknowledged before the deadline", offer.OfficerId);
        S.Offer = null;
        S.OfficerId = null;
        S.Status = ComplaintStatus.Dispatching;
        await SaveAsync("offer-expired");
        await ReleaseAfterSaveAsync(offer.OfficerId, "acknowledgement deadline passed");
        await DispatchAsync();
    }

    public async Task<IReadOnlyList<Recommendation>> RecommendAsync(int k)
    {
        if (S.Report is null)
        {
            return [];
        }

        var found = await FindCandidatesAsync(Math.Clamp(k, 1, 50), []);
        return found.Select(c => new Recommendation(c.OfficerId, c.ZoneCode, Math.Round(c.DistanceMetres, 1))).ToList();
    }

    public async Task ResumeAsync()
    {
        if (S.Status == ComplaintStatus.Queued)
        {
            await DispatchAsync();
        }
    }

    /// <summary>The first matching round, started beside the report's write; null when it failed (dispatch then searches again).</summary>
    private async Task<IReadOnlyList<MatchCandidate>?> LookAheadAsync()
    {
        try
        {
            if (city.Definition.FindAgency(S.Report!.Agency) is { Dispatches: false })
            {
                return null;
            }

            var found = await FindCandidatesAsync(CandidatesPerRound, []);
            if (timing.Value.OfficerDormantAfter is not null && found is [var nearest, ..])
            {
                // The nearest officer is likely free and likely dormant: its activation (a state read and the reclaim from
                // its shard) then runs while the report is written, not after, in front of the offer.
                GrainFactory.Officer(nearest.OfficerId).WakeAsync().Ignore();
            }

            return found;
        }
        catch (Exception ex)
        {
            LogLookAheadFailed(logger, ex, ComplaintId);
            return null;
        }
    }

    /// <summary>
    /// The k nearest available officers of the report's agency, exactly (<see cref="NearestOfficerSearch"/>). A zone that
    /// this silo's <see cref="ZoneAvailability"/> says has no available officer of the agency is answered "nobody" without
    /// a call (why that is exact: <see cref="ZoneAvailability"/>); every other zone is asked.
    /// </summary>
    private async Task<IReadOnlyList<MatchCandidate>> FindCandidatesAsync(int k, IReadOnlyList<string> exclude)
    {
        var report = S.Report!;
        var availability = _availability ??= ServiceProvider.GetService<ZoneAvailability>() ?? ZoneAvailability.None;
        var now = clock.Now;
        var asked = 0;
        var result = await NearestOfficerSearch.FindAsync(
            city.Map, report.Lat, report.Lon, k, Category.MaxRadiusMetres,
            (zone, limit, maxMetres) =>
            {
                if (!availability.MayHaveAvailable(zone, report.Agency, now))
                {
                    return new ValueTask<IReadOnlyList<MatchCandidate>>([]);
                }

                asked++;
                return new(GrainFactory.Zone(zone).NearestAsync(report.Agency, report.Lat, report.Lon, limit, maxMetres, exclude));
            },
            (limit, maxMetres) => new(GrainFactory.OutsideOfficers(city.Definition.Id).NearestAsync(report.Agency, report.Lat, report.Lon, limit, maxMetres, exclude)));
        MatchingMetrics.Searched(asked, result.ZonesVisited - asked, result.Candidates.Count > 0);
        return result.Candidates;
    }

    private ZoneAvailability? _availability;

    private async Task<bool> TryOfferAsync(MatchCandidate candidate)
    {
        var deadline = clock.Now + Category.AckDeadline;
        var response = await AskOfficerAsync(candidate, deadline);
        if (!response.Accepted)
        {
            return false;
        }

        await RecordOfferAsync(candidate, deadline, clock.Now);
        return true;
    }

    /// <summary>Offers the report to the officer, who holds it (its own write) when it accepts.</summary>
    private async Task<OfferResponse> AskOfficerAsync(MatchCandidate candidate, DateTimeOffset deadline)
    {
        var report = S.Report!;
        var started = Stopwatch.GetTimestamp();
        var response = await GrainFactory.Officer(candidate.OfficerId).TryOfferAsync(
            new AssignmentOffer(ComplaintId, report.Agency, report.Category, report.Lat, report.Lon, deadline));
        DispatchStages.Record(DispatchStages.OfficerOffer, started);
        if (response.Accepted && S.Attempts == 0)
        {
            DispatchStages.Record(DispatchStages.ReceivedToOffered, clock.Now - report.SubmittedAt);
        }

        return response;
    }

    /// <summary>
    /// The report names the officer who accepted the offer: the second write of every offer. The offer is dated when the
    /// officer took it (<paramref name="offeredAt"/>): for an offer made ahead, before the report's first write landed.
    /// </summary>
    private async Task RecordOfferAsync(MatchCandidate candidate, DateTimeOffset deadline, DateTimeOffset offeredAt)
    {
        CrashPointOptions.CrashIf(crashPoints.Value.AfterOfficerOfferWrite);
        S.OfferSeq++;
        S.Attempts++;
        S.Tried.Add(candidate.OfficerId);
        S.Offer = new OpenOffer(S.OfferSeq, candidate.OfficerId, offeredAt, deadline, Math.Round(candidate.DistanceMetres, 1), System);
        S.OfficerId = candidate.OfficerId;
        S.Status = ComplaintStatus.Offered;
        Record("offered", System, null, candidate.OfficerId, $"nearest available at {candidate.DistanceMetres:F0} m; attempt {S.Attempts} of {Category.MaxAttempts}; acknowledge by {deadline:O}", offeredAt);
        var started = Stopwatch.GetTimestamp();
        await SaveAsync("offered");
        DispatchStages.Record(DispatchStages.OfferSave, started);
        ArmDeadline();
        LogOffered(logger, ComplaintId, candidate.OfficerId, candidate.DistanceMetres, S.Attempts);
    }

    private async Task<bool> LinkToDuplicateAsync(bool neighboursChecked)
    {
        var report = S.Report!;
        var policy = city.Definition.Duplicates;
        var since = DuplicateWindowStart(report);
        var open = new OpenComplaint(ComplaintId, report.Category, report.Lat, report.Lon, report.SubmittedAt);

        string? original = null;
        foreach (var zoneCode in neighboursChecked ? [] : ZonesWithinDuplicateRadius(report))
        {
            if (zoneCode != report.ZoneCode)
            {
                original ??= await GrainFactory.Zone(zoneCode).FindDuplicateAsync(report.Category, report.Lat, report.Lon, policy.RadiusMetres, since, ComplaintId);
            }
        }

        // The own zone decides atomically: either it names the original or it records this report as open.
        original ??= await GrainFactory.Zone(report.ZoneCode).RegisterOpenComplaintAsync(open, policy.RadiusMetres, since);
        if (original is null)
        {
            return false;
        }

        S.Status = ComplaintStatus.Duplicate;
        S.DuplicateOf = original;
        Record("duplicate", System, $"same {report.Category} within {policy.RadiusMetres:F0} m and {policy.WindowMinutes} min", null, original);
        await SaveAsync("duplicate");
        await StopWatchAsync();
        GrainFactory.Complaint(original).LinkDuplicateAsync(ComplaintId).Ignore();
        return true;
    }

    /// <summary>The zones an original of this report may be open in: every zone within the duplicate radius, nearest first.</summary>
    private IEnumerable<string> ZonesWithinDuplicateRadius(ComplaintReport report)
    {
        var radius = city.Definition.Duplicates.RadiusMetres;
        foreach (var (zone, distance) in city.Map.ZonesInDistanceOrder(report.Lat, report.Lon))
        {
            if (distance > radius)
            {
                yield break;
            }

            yield return zone.Code;
        }
    }

    /// <summary>The oldest submission an open report may have and still be this one's original.</summary>
    private DateTimeOffset DuplicateWindowStart(ComplaintReport report) =>
        report.SubmittedAt - TimeSpan.FromMinutes(city.Definition.Duplicates.WindowMinutes);

    private async Task<bool> HoldIfPausedAsync()
    {
        var report = S.Report!;
        var queued = S.Status == ComplaintStatus.Queued;
        var byCategory = await GrainFactory.CategoryControl(report.Category).HoldIfPausedAsync(ComplaintId, queued);
        var paused = byCategory || await GrainFactory.ZoneControl(report.ZoneCode).HoldIfPausedAsync(ComplaintId, queued);
        if (!paused)
        {
            return false;
        }

        if (S.Status != ComplaintStatus.Queued)
        {
            S.Status = ComplaintStatus.Queued;
            Record("dispatch-paused", System, byCategory ? $"automatic dispatch paused for {report.Category}" : $"automatic dispatch paused in zone {report.ZoneCode}", null);
            await SaveAsync("queued");
        }

        return true;
    }

    private async Task EscalateAsync(string reason)
    {
        S.Status = ComplaintStatus.Escalated;
        S.Offer = null;
        S.OfficerId = null;
        Record("escalated", System, reason, null);
        await SaveAsync("escalated");
        await StopWatchAsync();
        live.Publish(new OperatorAlert(clock.Now, "escalated", $"Report {ComplaintId} ({S.Report!.Category}) needs an operator: {reason}", ComplaintId, null, S.Report.ZoneCode));
        LogEscalated(logger, ComplaintId, reason);
    }

    /// <summary>When an operator assigned the report before automatic dispatch ran, say so once in the timeline.</summary>
    /// <remarks>A timeline long enough to be elided is long past its first dispatch.</remarks>
    private async Task NoteOperatorWasFirstAsync()
    {
        if (S.Offer is { } offer && offer.OfferedBy != System && S.TimelineElided == 0 && !S.Timeline.Any(e => e.Kind is "offered" or "dispatch-skipped"))
        {
            Record("dispatch-skipped", System, $"already assigned to {offer.OfficerId} by {offer.OfferedBy}", offer.OfficerId);
            await SaveAsync("dispatch-skipped");
        }
    }

    private void ArmDeadline()
    {
        _deadlineTimer?.Dispose();
        _deadlineTimer = null;
        if (S.Status == ComplaintStatus.Offered && S.Offer is { } offer)
        {
            var seq = offer.Seq;
            var self = _self;
            _deadlineTimer = clock.At(offer.Deadline, () => self.OfferDeadlineAsync(seq).Ignore());
        }
    }
}
