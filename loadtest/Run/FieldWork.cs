using System.Net.Http.Headers;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using TangerangLive.LoadTest.Core;

namespace TangerangLive.LoadTest.Run;

/// <summary>
/// What an officer's phone does with a pushed offer: after a short, random delay it acknowledges (over
/// the hub or HTTP), goes en route, arrives and resolves with a proof photo; a fraction of officers
/// refuse, another ignores the offer until its deadline. A withdrawal push frees the officer.
/// </summary>
internal sealed class FieldWork(SiloClient client, RunLedger ledger, RunOptions options, CancellationToken work)
{
    public const string Offer = "offer";
    public const string Withdrawn = "withdrawn";
    public const string CloseOutRead = "teardown: read held report";
    public const string CloseOutStep = "teardown: field step";
    public const string CloseOutResolve = "teardown: resolve";

    /// <summary>Handles a push on the officer's hub (never blocks the hub's receive loop).</summary>
    public void OnPush(SimOfficer officer, AssignmentPush push)
    {
        if (push.Kind == Offer)
        {
            if (officer.Held == push.ComplaintId)
            {
                // The same offer again (the engine sends an open offer once more as the phone connects): already answered.
                return;
            }

            ledger.OfferDelivered(push.At);
            Offered(officer, push.ComplaintId, push.At, push.Lat, push.Lon);
        }
        else if (push.Kind == Withdrawn)
        {
            ledger.Hold(new HoldEvent(officer.OfficerId, push.ComplaintId, false, push.At, Checks.EngineHolds.WithdrawnPush));
            officer.Release(push.ComplaintId);
            var track = ledger.Track(push.ComplaintId);
            lock (track)
            {
                track.OfferedTo = track.OfferedTo == officer.OfficerId ? null : track.OfferedTo;
            }
        }
    }

    /// <summary>The officer learned of an offer (from a push, or from a poll when without a hub).</summary>
    public void Offered(SimOfficer officer, string complaintId, DateTimeOffset at, double lat, double lon)
    {
        ledger.OfferSeen(complaintId, officer.OfficerId, MonotonicClock.Now, at);
        officer.TakeOffer(complaintId);
        _ = Task.Run(() => RespondAsync(officer, complaintId, lat, lon), CancellationToken.None);
    }

    private async Task RespondAsync(SimOfficer officer, string complaintId, double lat, double lon)
    {
        try
        {
            var roll = officer.Draw();
            if (roll < options.RefuseFraction)
            {
                await PauseAsync(officer, 1, 3);
                var refused = await StepAsync(officer, complaintId, "refuse", new { reason = "load test: busy with something else" });
                Finish(officer, complaintId, refused, ref ledger.Counters.Refused);
                return;
            }

            if (roll < options.RefuseFraction + options.IgnoreFraction)
            {
                RunCounters.Add(ref ledger.Counters.Ignored);
                return;
            }

            await PauseAsync(officer, 0.5, 3);
            if (!await AcknowledgeAsync(officer, complaintId))
            {
                return;
            }

            ledger.Acknowledged(complaintId, MonotonicClock.Now);
            officer.Head(lat, lon);
            await PauseAsync(officer, 1, 3);
            if (!(await StepAsync(officer, complaintId, "en-route", null)).Ok)
            {
                return;
            }

            await PauseAsync(officer, 3, 8);
            if (!(await StepAsync(officer, complaintId, "on-scene", null)).Ok)
            {
                return;
            }

            await PauseAsync(officer, 2, 5);
            Finish(officer, complaintId, await ResolveAsync(officer, complaintId), ref ledger.Counters.Resolved);
        }
        catch (OperationCanceledException) when (work.IsCancellationRequested)
        {
            // The run is over; the report stays where it got to (the end-of-run checks accept any held state).
        }
    }

    private void Finish(SimOfficer officer, string complaintId, ApiResult<ReportDetail> result, ref long counter)
    {
        if (result is { Ok: true, Value: { } report })
        {
            RunCounters.Add(ref counter);
            ledger.Hold(new HoldEvent(officer.OfficerId, complaintId, false, report.UpdatedAt, "field step answer"));
            ledger.Hold(new HoldEvent(officer.OfficerId, complaintId, false, DateTimeOffset.UtcNow, Checks.EngineHolds.AnsweredStep));
            officer.Release(complaintId);
        }
    }

    private async Task<bool> AcknowledgeAsync(SimOfficer officer, string complaintId)
    {
        if (officer.Hub is not { State: HubConnectionState.Connected } hub || officer.Draw() < 0.5)
        {
            return (await StepAsync(officer, complaintId, "acknowledge", null)).Ok;
        }

        var stats = ledger.Stats.For("acknowledge (hub)");
        var started = MonotonicClock.Now;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(work);
            timeout.CancelAfter(SiloClient.RequestTimeout);
            var answer = await hub.InvokeAsync<HubAnswer>("Acknowledge", complaintId, timeout.Token);
            if (answer.Ok)
            {
                stats.Success(started);
                return true;
            }

            stats.Error("refused");
            return false;
        }
        catch (Exception e) when (e is HubException or InvalidOperationException or IOException || (e is OperationCanceledException && !work.IsCancellationRequested))
        {
            stats.Error(e is OperationCanceledException ? ErrorKind.Timeout : "hub-" + e.GetType().Name);
            return false;
        }
    }

    /// <summary>
    /// At the end of a run, an officer still holding a report finishes it (acknowledges an offer, goes en route, arrives,
    /// resolves with a photo) so that the shift can end. Officers left on shift would stay candidates for the next run
    /// against the same silo until their offline threshold, and that run would offer reports to phones that are gone.
    /// Returns whether the officer holds nothing any more.
    /// </summary>
    public async Task<bool> FinishHeldAsync(SimOfficer officer, CancellationToken cancellation)
    {
        for (var step = 0; step < 6; step++)
        {
            var mine = await client.SendAsync<HeldAssignment>(CloseOutRead, HttpMethod.Get, "/api/me/assignment", officer.Token, null, MonotonicClock.Now, cancellation);
            if (mine is not { Ok: true, Value: var held })
            {
                return false;
            }

            if (held?.Assignment is not { } assignment)
            {
                return true;
            }

            var next = assignment.Stage switch
            {
                "Offered" => "acknowledge",
                "Acknowledged" => "en-route",
                "EnRoute" => "on-scene",
                _ => null,
            };
            var answer = next is null
                ? await ResolveAsync(officer, assignment.ComplaintId, CloseOutResolve, cancellation)
                : await client.SendAsync<ReportDetail>(CloseOutStep, HttpMethod.Post, $"/api/me/assignments/{assignment.ComplaintId}/{next}", officer.Token, new { }, MonotonicClock.Now, cancellation);
            if (answer is { Ok: true, Value: { } report } && next is null)
            {
                ledger.Hold(new HoldEvent(officer.OfficerId, assignment.ComplaintId, false, report.UpdatedAt, "finished at the end of the run"));
                officer.Release(assignment.ComplaintId);
            }
        }

        return false;
    }

    private sealed record HeldAssignment(AssignmentAnswer? Assignment);

    private Task<ApiResult<ReportDetail>> StepAsync(SimOfficer officer, string complaintId, string step, object? body) =>
        client.SendAsync<ReportDetail>(step, HttpMethod.Post, $"/api/me/assignments/{complaintId}/{step}", officer.Token, body ?? new { }, MonotonicClock.Now, work);

    private Task<ApiResult<ReportDetail>> ResolveAsync(SimOfficer officer, string complaintId) =>
        ResolveAsync(officer, complaintId, "resolve (photo)", work);

    private Task<ApiResult<ReportDetail>> ResolveAsync(SimOfficer officer, string complaintId, string operation, CancellationToken cancellation) =>
        client.SendAsync<ReportDetail>(operation, baseUri =>
        {
            var photo = new ByteArrayContent(ProofPhoto.Png(officer.Index));
            photo.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            var form = new MultipartFormDataContent { { photo, "photo", "proof.png" }, { new StringContent("done (load test)"), "note" } };
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, $"/api/me/assignments/{complaintId}/resolve")) { Content = form };
            SiloClient.Authorize(request, officer.Token);
            return request;
        }, MonotonicClock.Now, cancellation);

    private Task PauseAsync(SimOfficer officer, double minSeconds, double maxSeconds) =>
        Task.Delay(TimeSpan.FromSeconds(minSeconds + (officer.Draw() * (maxSeconds - minSeconds))), work);
}
