using TangerangLive.Grains.Officers;
using TangerangLive.Grains.Zones;

namespace TangerangLive.Grains.Complaints;

/// <summary>Operator overrides. Each one is recorded in the timeline with who, when and why.</summary>
public sealed partial class ComplaintGrain
{
    public async Task<ComplaintCommandResult> AssignAsync(OperatorAction action, string officerId, bool preempt)
    {
        if (OpenCheck() is { } refused)
        {
            return refused;
        }

        if (S.OfficerId == officerId && S.Status.IsHeld())
        {
            return Ok();
        }

        var report = S.Report!;
        var deadline = clock.Now + Category.AckDeadline;
        var response = await GrainFactory.Officer(officerId).TryOfferAsync(
            new AssignmentOffer(ComplaintId, report.Agency, report.Category, report.Lat, report.Lon, deadline, preempt));
        if (!response.Accepted)
        {
            Record("assign-refused", action.Actor, action.Reason, officerId, response.Reason);
            await SaveAsync("assign-refused");
            return Refuse($"Officer {officerId} cannot take the report: {response.Reason}");
        }

        var released = S.OfficerId is { } previous && previous != officerId ? previous : null;
        if (released is not null)
        {
            Record("unassigned", action.Actor, action.Reason, released, $"reassigned to {officerId}");
        }

        S.OfferSeq++;
        S.Offer = new OpenOffer(S.OfferSeq, officerId, clock.Now, deadline, null, action.Actor);
        S.OfficerId = officerId;
        S.Status = ComplaintStatus.Offered;
        Record("assigned", action.Actor, action.Reason, officerId,
            response.PreemptedComplaintId is { } taken ? $"preempted from report {taken}" : $"acknowledge by {deadline:O}");
        await SaveAsync("assigned");
        if (released is not null)
        {
            await ReleaseAfterSaveAsync(released, $"reassigned by {action.Actor}");
        }

        ArmDeadline();
        await WatchAsync();
        if (response.PreemptedComplaintId is { } other)
        {
            GrainFactory.Complaint(other).OfficerPreemptedAsync(officerId, ComplaintId, action.Actor).Ignore();
        }

        return Ok();
    }

    public async Task<ComplaintCommandResult> UnassignAsync(OperatorAction action)
    {
        if (OpenCheck() is { } refused)
        {
            return refused;
        }

        if (!S.Status.IsHeld() || S.OfficerId is not { } holder)
        {
            return Refuse("No officer holds the report.");
        }

        S.Offer = null;
        S.OfficerId = null;
        S.Status = ComplaintStatus.Escalated;
        Record("unassigned", action.Actor, action.Reason, holder, "back to the operators' queue");
        await SaveAsync("unassigned");
        await ReleaseAfterSaveAsync(holder, $"unassigned by {action.Actor}");
        ArmDeadline();
        await StopWatchAsync();
        return Ok();
    }

    public async Task<ComplaintCommandResult> ChangeCategoryAsync(OperatorAction action, string category)
    {
        if (OpenCheck() is { } refused)
        {
            return refused;
        }

        var next = city.Definition.FindCategory(category);
        if (next is null)
        {
            return Refuse($"Unknown category '{category}'.");
        }

        var report = S.Report!;
        if (next.Code == report.Category)
        {
            return Ok();
        }

        var agencyChanged = next.Agency != report.Agency;
        S.Report = report with { Category = next.Code, Agency = next.Agency, Priority = next.Priority, SlaDueAt = report.SubmittedAt + next.Sla };
        Record("category-changed", action.Actor, action.Reason, null, $"{report.Category} -> {next.Code}");
        var redispatch = false;
        string? released = null;
        if (agencyChanged && S.Status.IsHeld() && S.OfficerId is { } holder)
        {
            released = holder;
            Record("unassigned", action.Actor, $"the report now belongs to {next.Agency}", holder);
            S.Offer = null;
            S.OfficerId = null;
            redispatch = true;
        }

        if (agencyChanged && (redispatch || S.Status is ComplaintStatus.Dispatching or ComplaintStatus.Queued))
        {
            S.Status = ComplaintStatus.Dispatching;
            S.Attempts = 0;
            S.Tried.Clear();
            redispatch = true;
        }

        await SaveAsync("category-changed");
        if (released is not null)
        {
            await ReleaseAfterSaveAsync(released, $"report moved to {next.Agency}");
        }

        await GrainFactory.Zone(report.ZoneCode).AddOpenComplaintAsync(new OpenComplaint(ComplaintId, next.Code, report.Lat, report.Lon, report.SubmittedAt));
        ArmDeadline();
        if (redispatch)
        {
            await WatchAsync();
            _self.DispatchAsync().Ignore();
        }

        return Ok();
    }

    public async Task<ComplaintCommandResult> ChangePriorityAsync(OperatorAction action, int priority)
    {
        if (OpenCheck() is { } refused)
        {
            return refused;
        }

        if (priority is < 1 or > 4)
        {
            return Refuse("Priority must be 1 (highest) to 4 (lowest).");
        }

        var previous = S.Report!.Priority;
        S.Report = S.Report with { Priority = priority };
        Record("priority-changed", action.Actor, action.Reason, null, $"{previous} -> {priority}");
        await SaveAsync("priority-changed");
        return Ok();
    }

    public async Task<ComplaintCommandResult> MarkDuplicateAsync(OperatorAction action, string originalId)
    {
        if (OpenCheck() is { } refused)
        {
            return refused;
        }

        if (originalId == ComplaintId)
        {
            return Refuse("A report cannot duplicate itself.");
        }

        var holder = LetGoOfHolder();
        S.Status = ComplaintStatus.Duplicate;
        S.DuplicateOf = originalId;
        Record("duplicate", action.Actor, action.Reason, null, originalId);
        await SaveAsync("duplicate");
        await ReleaseAfterSaveAsync(holder, $"marked duplicate of {originalId} by {action.Actor}");
        await CloseInZoneAsync();
        await StopWatchAsync();
        GrainFactory.Complaint(originalId).LinkDuplicateAsync(ComplaintId).Ignore();
        return Ok();
    }

    public async Task<ComplaintCommandResult> CancelAsync(OperatorAction action)
    {
        if (OpenCheck() is { } refused)
        {
            return refused;
        }

        var holder = LetGoOfHolder();
        S.Status = ComplaintStatus.Cancelled;
        Record("cancelled", action.Actor, action.Reason, null);
        await SaveAsync("cancelled");
        await ReleaseAfterSaveAsync(holder, $"cancelled by {action.Actor}");
        await CloseInZoneAsync();
        await StopWatchAsync();
        return Ok();
    }

    public async Task<ComplaintCommandResult> RedispatchAsync(OperatorAction action)
    {
        if (OpenCheck() is { } refused)
        {
            return refused;
        }

        if (S.Status is not (ComplaintStatus.Escalated or ComplaintStatus.Queued))
        {
            return Refuse($"Only an escalated or queued report can be sent back to automatic dispatch; this one is {S.Status}.");
        }

        S.Status = ComplaintStatus.Dispatching;
        S.Attempts = 0;
        S.Tried.Clear();
        Record("redispatch", action.Actor, action.Reason, null);
        await SaveAsync("redispatch");
        await WatchAsync();
        await DispatchAsync();
        return Ok();
    }

    public async Task<ComplaintCommandResult> AddNoteAsync(OperatorAction action, string note)
    {
        if (S.Report is null)
        {
            return Refuse("No such report.");
        }

        Record("note", action.Actor, null, null, note);
        await SaveAsync("note");
        return Ok();
    }

    public async Task OfficerPreemptedAsync(string officerId, string byComplaintId, string actor)
    {
        if (S.OfficerId != officerId || !S.Status.IsHeld())
        {
            return;
        }

        Record("preempted", actor, $"officer taken for report {byComplaintId}", officerId);
        S.Offer = null;
        S.OfficerId = null;
        S.Status = ComplaintStatus.Dispatching;
        await SaveAsync("preempted");
        ArmDeadline();
        await WatchAsync();
        await DispatchAsync();
    }

    public async Task LinkDuplicateAsync(string duplicateId)
    {
        if (S.Report is null || S.Duplicates.Contains(duplicateId))
        {
            return;
        }

        // Past the bound a duplicate is counted, not listed, and leaves no timeline entry of its own: it names
        // this report itself, and the query model lists them all.
        if (S.Duplicates.Count < ComplaintBounds.MaxListedDuplicates)
        {
            S.Duplicates.Add(duplicateId);
            Record("duplicate-linked", System, null, null, duplicateId);
        }
        else
        {
            S.DuplicatesUnlisted++;
        }

        await SaveAsync("duplicate-linked");
    }

    /// <summary>The report stops naming its officer; returns the officer that held it, to release once the report is saved.</summary>
    private string? LetGoOfHolder()
    {
        var holder = S.Status.IsHeld() ? S.OfficerId : null;
        S.Offer = null;
        S.OfficerId = null;
        ArmDeadline();
        return holder;
    }

    private ComplaintCommandResult? OpenCheck()
    {
        if (S.Report is null)
        {
            return Refuse("No such report.");
        }

        return S.Status.IsClosed() ? Refuse($"The report is already {S.Status}.") : null;
    }
}
