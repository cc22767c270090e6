using Microsoft.Extensions.Logging;
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

    /// <summary>
    /// Frees an officer from this report once the report's own write no longer names it. The order is the point: an
    /// officer is held before the report names it (the offer) and let go only after the report stopped naming it, so
    /// storage never has a report naming an officer that is free and may take other work. When this write was refused
    /// the report kept its officer, in storage and, after the activation was dropped, in memory too. When the release
    /// fails, the report's change stands and the officer, still holding, lets go at its next check
    /// (<see cref="ConfirmHolderAsync"/>, every <c>Dispatch:ReconcilePeriodSeconds</c>).
    /// </summary>
    private async Task ReleaseAfterSaveAsync(string? officerId, string reason)
    {
        if (officerId is null)
        {
            return;
        }

        try
        {
            await GrainFactory.Officer(officerId).ReleaseAsync(ComplaintId, reason);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogReleaseFailed(logger, ex, ComplaintId, officerId);
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {ComplaintId} saved, but releasing officer {OfficerId} failed; the officer lets go at its next check")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string complaintId, string officerId);
}
