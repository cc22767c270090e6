using TangerangLive.Grains.Officers;

namespace TangerangLive.Grains.Complaints;

/// <summary>The report's side of keeping report and officer in agreement after a crash.</summary>
public sealed partial class ComplaintGrain
{
    public async Task ConfirmHolderAsync(string officerId)
    {
        if (S.Report is not null && S.OfficerId == officerId && S.Status.IsHeld())
        {
            if (S.Status == ComplaintStatus.Offered && S.Offer is { } offer && clock.Now >= offer.Deadline)
            {
                await OfferDeadlineAsync(offer.Seq);
            }

            return;
        }

        var why = S.Report is null ? "the report does not exist" : $"the report is {S.Status} and names {S.OfficerId ?? "nobody"}";
        await GrainFactory.Officer(officerId).ReleaseAsync(ComplaintId, "reconciled: " + why);
    }

    public async Task ConfirmOpenInZoneAsync()
    {
        if (S.Report is not null && S.Status.IsClosed())
        {
            await CloseInZoneAsync();
        }
    }

    /// <summary>
    /// The report names an officer at work on it; if the officer lost the hold (its write died with a silo),
    /// it takes it back; if it has meanwhile taken other work or left duty, the report goes to the operators.
    /// </summary>
    private async Task ReconcileHolderAsync()
    {
        if (S.OfficerId is not { } officerId || S.Status is not (ComplaintStatus.Acknowledged or ComplaintStatus.EnRoute or ComplaintStatus.OnScene))
        {
            return;
        }

        var stage = S.Status switch
        {
            ComplaintStatus.Acknowledged => OfficerDuty.Acknowledged,
            ComplaintStatus.EnRoute => OfficerDuty.EnRoute,
            _ => OfficerDuty.OnScene,
        };
        var restored = await GrainFactory.Officer(officerId).RestoreAsync(ComplaintId, stage);
        if (!restored.Accepted)
        {
            Record("holder-lost", System, restored.Reason, officerId);
            await EscalateAsync($"officer {officerId} no longer holds it: {restored.Reason}");
        }
    }
}
