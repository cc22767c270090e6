using System.Diagnostics;
using Microsoft.Extensions.Logging;
using TangerangLive.Grains.Dispatch;
using TangerangLive.Grains.Matching;
using TangerangLive.Grains.Officers;
using TangerangLive.Grains.Zones;

namespace TangerangLive.Grains.Complaints;

/// <summary>
/// The first offer, made beside the report's first write, and what follows from it: the dispatch after the write
/// records it, or lets the officer go when the report was not stored, repeats an open one, waits on a pause, or someone
/// came nearer during a slow write.
/// </summary>
public sealed partial class ComplaintGrain
{
    /// <summary>
    /// The first offer, made while the report's first write is under way: once the first round (looked ahead) has a
    /// nearest officer and no original nearby or pause stands in the way (read-only checks, asked beside the round), the
    /// nearest officer is asked. Nothing here changes the report: the dispatch that follows the write records the offer,
    /// or lets the officer go when the report turned out a duplicate or paused meanwhile. Null when no offer was made.
    /// </summary>
    private async Task<OfferAhead?> OfferAheadAsync(Task<IReadOnlyList<MatchCandidate>?> firstRound)
    {
        try
        {
            var report = S.Report!;
            var duplicate = FindDuplicateAheadAsync(report);
            var byCategory = GrainFactory.CategoryControl(report.Category).GetAsync();
            var byZone = GrainFactory.ZoneControl(report.ZoneCode).GetAsync();
            await Task.WhenAll(firstRound, duplicate, byCategory, byZone);
            if (await firstRound is not [var nearest, ..] || await duplicate is not null || (await byCategory).Paused || (await byZone).Paused)
            {
                return null;
            }

            DispatchStages.Record(DispatchStages.Match, _firstRoundStarted);
            var deadline = clock.Now + Category.AckDeadline;
            var response = await AskOfficerAsync(nearest, deadline);
            return new OfferAhead(nearest, deadline, response, clock.Now);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The officer may hold the offer all the same (its answer was lost): the dispatch that follows asks it
            // again ("already holding" is a yes), or the officer's own check lets go when the report never names it.
            LogOfferAheadFailed(logger, ex, ComplaintId);
            return null;
        }
    }

    /// <summary>Every zone within the duplicate radius, asked at once (read-only) for an open report this one repeats.</summary>
    private async Task<string?> FindDuplicateAheadAsync(ComplaintReport report)
    {
        var radius = city.Definition.Duplicates.RadiusMetres;
        var since = DuplicateWindowStart(report);
        var asked = ZonesWithinDuplicateRadius(report)
            .Select(zone => GrainFactory.Zone(zone).FindDuplicateAsync(report.Category, report.Lat, report.Lon, radius, since, ComplaintId))
            .ToList();
        return (await Task.WhenAll(asked)).FirstOrDefault(original => original is not null);
    }

    /// <summary>
    /// An offer made ahead stands when it is fresh (the usual case: the write took milliseconds). When the write took
    /// longer than <see cref="LookAheadFreshness"/> (a saturated database), someone else may have come nearer meanwhile:
    /// the index is asked again, and when it names someone nearer the officer offered ahead is let go.
    /// </summary>
    private async Task<bool> StillNearestAsync(OfferAhead ahead)
    {
        if (Stopwatch.GetElapsedTime(_firstRoundStarted) <= LookAheadFreshness)
        {
            return true;
        }

        var officerId = ahead.Candidate.OfficerId;
        var now = await FindCandidatesAsync(1, [.. S.Tried, officerId]);
        if (now is not [var nearer] || nearer.DistanceMetres >= ahead.Candidate.DistanceMetres)
        {
            return true;
        }

        await ReleaseAfterSaveAsync(officerId, $"officer {nearer.OfficerId} came nearer while the report was stored");
        return false;
    }

    /// <summary>The round without the officers found busy; null (search again) when nobody is left of a round that found someone.</summary>
    private static IReadOnlyList<MatchCandidate>? Without(IReadOnlyList<MatchCandidate>? round, HashSet<string> busy)
    {
        if (round is null || busy.Count == 0)
        {
            return round;
        }

        var left = round.Where(c => !busy.Contains(c.OfficerId)).ToList();
        return left.Count == 0 && round.Count > 0 ? null : left;
    }

    private Task<OfferAhead?>? TakeOfferAhead()
    {
        var offering = _offerAhead;
        _offerAhead = null;
        return offering;
    }

    /// <summary>Lets go of an officer offered ahead whom the report does not name (it was not stored, or it stands otherwise).</summary>
    private async Task WithdrawOfferAheadAsync(Task<OfferAhead?>? offering, string reason)
    {
        if (offering is not null)
        {
            await WithdrawOfferAheadAsync(await offering, reason);
        }
    }

    private Task WithdrawOfferAheadAsync(OfferAhead? ahead, string reason) =>
        ahead is { Response.Accepted: true } && S.OfficerId != ahead.Candidate.OfficerId
            ? ReleaseAfterSaveAsync(ahead.Candidate.OfficerId, reason)
            : Task.CompletedTask;

    /// <summary>The dispatch a submission left due, run ahead of another call (see <see cref="_dispatchDue"/>).</summary>
    private async Task RunDueDispatchAsync()
    {
        try
        {
            await DispatchAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The call that came in goes on; the report's watch resumes its dispatch.
            LogDueDispatchFailed(logger, ex, ComplaintId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {ComplaintId}: the offer made beside its first write failed; dispatch asks again")]
    private static partial void LogOfferAheadFailed(ILogger logger, Exception exception, string complaintId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {ComplaintId}: the dispatch due after its submission failed; its watch resumes it")]
    private static partial void LogDueDispatchFailed(ILogger logger, Exception exception, string complaintId);

    /// <summary>An offer made beside the report's first write: whom, until when, the officer's answer and when it came.</summary>
    private sealed record OfferAhead(MatchCandidate Candidate, DateTimeOffset Deadline, OfferResponse Response, DateTimeOffset At);
}
