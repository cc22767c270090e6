using TangerangLive.Grains.Officers;

namespace TangerangLive.Grains.Complaints;

/// <summary>Field work by the officer holding the report: acknowledge, refuse, en route, on scene, resolve.</summary>
public sealed partial class ComplaintGrain
{
    public async Task<ComplaintCommandResult> AcknowledgeAsync(string officerId)
    {
        if (HolderCheck(officerId, ComplaintStatus.Offered) is { } refused)
        {
            return refused;
        }

        if (clock.Now > S.Offer!.Deadline)
        {
            await OfferDeadlineAsync(S.Offer.Seq);
            return Refuse("The acknowledgement deadline passed; the report has moved on.");
        }

        var advanced = await GrainFactory.Officer(officerId).AdvanceAsync(ComplaintId, OfficerDuty.Acknowledged);
        if (!advanced.Ok)
        {
            return Refuse(advanced.Error!);
        }

        var waited = clock.Now - S.Offer.OfferedAt;
        S.Status = ComplaintStatus.Acknowledged;
        S.Offer = null;
        Record("acknowledged", officerId, null, officerId, $"after {waited.TotalSeconds:F0} s");
        await SaveAsync("acknowledged");
        ArmDeadline();
        return Ok();
    }

    public async Task<ComplaintCommandResult> RefuseAsync(string officerId, string? reason)
    {
        if (HolderCheck(officerId, ComplaintStatus.Offered, ComplaintStatus.Acknowledged, ComplaintStatus.EnRoute) is { } refused)
        {
            return refused;
        }

        Record("refused", officerId, reason, officerId);
        S.Offer = null;
        S.OfficerId = null;
        S.Status = ComplaintStatus.Dispatching;
        await SaveAsync("refused");
        await ReleaseAfterSaveAsync(officerId, "refused by the officer");
        ArmDeadline();
        await WatchAsync();
        _self.DispatchAsync().Ignore();
        return Ok();
    }

    public Task<ComplaintCommandResult> EnRouteAsync(string officerId) =>
        AdvanceAsync(officerId, ComplaintStatus.EnRoute, OfficerDuty.EnRoute, "en-route", ComplaintStatus.Acknowledged);

    public Task<ComplaintCommandResult> OnSceneAsync(string officerId) =>
        AdvanceAsync(officerId, ComplaintStatus.OnScene, OfficerDuty.OnScene, "on-scene", ComplaintStatus.Acknowledged, ComplaintStatus.EnRoute);

    public async Task<ComplaintCommandResult> ResolveAsync(string officerId, string proofPhoto, string? note)
    {
        if (S.Report is not null && S.Status == ComplaintStatus.Resolved && S.OfficerId == officerId)
        {
            // The officer's app retries a resolve whose answer it never got: the report is resolved, so is the retry.
            await ReleaseAfterSaveAsync(officerId, "resolved");
            return Ok();
        }

        if (HolderCheck(officerId, ComplaintStatus.Acknowledged, ComplaintStatus.EnRoute, ComplaintStatus.OnScene) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(proofPhoto))
        {
            return Refuse("A proof photo is required to resolve a report.");
        }

        S.Status = ComplaintStatus.Resolved;
        S.ProofPhoto = proofPhoto;
        Record("resolved", officerId, note, officerId, proofPhoto);
        await SaveAsync("resolved");
        await ReleaseAfterSaveAsync(officerId, "resolved");
        await CloseInZoneAsync();
        return Ok();
    }

    private async Task<ComplaintCommandResult> AdvanceAsync(string officerId, ComplaintStatus next, OfficerDuty duty, string kind, params ComplaintStatus[] from)
    {
        if (HolderCheck(officerId, from) is { } refused)
        {
            return refused;
        }

        var advanced = await GrainFactory.Officer(officerId).AdvanceAsync(ComplaintId, duty);
        if (!advanced.Ok)
        {
            return Refuse(advanced.Error!);
        }

        S.Status = next;
        Record(kind, officerId, null, officerId);
        await SaveAsync(kind);
        return Ok();
    }

    /// <summary>Null when the officer holds the report in one of the allowed states, else the refusal.</summary>
    private ComplaintCommandResult? HolderCheck(string officerId, params ComplaintStatus[] allowed)
    {
        if (S.Report is null)
        {
            return Refuse("No such report.");
        }

        if (S.OfficerId != officerId)
        {
            return Refuse($"Report {ComplaintId} is not assigned to officer {officerId}.");
        }

        return allowed.Contains(S.Status)
            ? null
            : Refuse($"Not allowed while the report is {S.Status}; allowed from {string.Join(", ", allowed)}.");
    }
}
