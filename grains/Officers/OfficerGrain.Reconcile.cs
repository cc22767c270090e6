using TangerangLive.Grains.Complaints;
using TangerangLive.Grains.Dispatch;

namespace TangerangLive.Grains.Officers;

/// <summary>
/// The officer and the report it holds agree, even after a silo died between their two writes: while the
/// officer holds a report (from the offer, or from activation) it asks the report every
/// <see cref="DispatchTimingOptions.ReconcilePeriod"/> to confirm it; a report that moved on, closed or never saved the offer frees
/// the officer, and an offer past its deadline expires. The report's side restores a hold the officer lost
/// (<see cref="RestoreAsync"/>).
/// </summary>
public sealed partial class OfficerGrain
{
    private ITimer? _reconcileTimer;

    public Task ReconcileAsync()
    {
        if (S.Assignment is not { } held)
        {
            StopReconciling();
            return Task.CompletedTask;
        }

        // One-way: the report answers by releasing this officer if it does not name it, so no call waits on
        // another in a cycle (the report calls officers while officers never wait on reports).
        return GrainFactory.Complaint(held.ComplaintId).ConfirmHolderAsync(OfficerId);
    }

    public async Task<OfferResponse> RestoreAsync(string complaintId, OfficerDuty stage)
    {
        if (S.Assignment is { } current)
        {
            return current.ComplaintId == complaintId
                ? new OfferResponse(true, "Already holding this report.")
                : OfferResponse.Refused($"Officer is busy with report {current.ComplaintId} ({current.Stage}).");
        }

        if (S.Profile is not { Active: true } || S.Duty == OfficerDuty.OffDuty)
        {
            return OfferResponse.Refused("Officer is off duty or deactivated.");
        }

        S.Duty = stage;
        S.Assignment = new OfficerAssignment(complaintId, stage, _services.Clock.Now, null);
        await SaveAsync();
        await SyncZoneAsync();
        PublishStatus();
        ArmReconcile();
        return new OfferResponse(true, null);
    }

    /// <summary>Checks the held report every <see cref="DispatchTimingOptions.ReconcilePeriod"/> while one is held.</summary>
    private void ArmReconcile()
    {
        if (_reconcileTimer is not null || S.Assignment is null)
        {
            return;
        }

        var self = this.AsReference<IOfficerGrain>();
        _reconcileTimer = _services.Clock.Every(_services.Timing.Value.ReconcilePeriod, () => self.ReconcileAsync().Ignore());
    }

    private void StopReconciling()
    {
        _reconcileTimer?.Dispose();
        _reconcileTimer = null;
    }
}
