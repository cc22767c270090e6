using Orleans.Concurrency;

namespace TangerangLive.Grains.Complaints;

/// <summary>
/// One citizen report: the report, its status and full timeline, the dispatch state machine (who was
/// tried, the open offer and its deadline) and the SLA. Key: <see cref="ComplaintKey.For"/>.
/// </summary>
public interface IComplaintGrain : IGrainWithStringKey
{
    /// <summary>Stores the report (before answering), then dispatches it. Idempotent for the same fingerprint.</summary>
    Task<SubmitOutcome> SubmitAsync(ComplaintSubmission submission);

    /// <summary>The report, or null when no report has this id.</summary>
    /// <remarks>Read-only: it copies the state in one synchronous turn and changes nothing.</remarks>
    [ReadOnly]
    Task<ComplaintSnapshot?> GetAsync();

    // Field work, by the officer holding the report.
    Task<ComplaintCommandResult> AcknowledgeAsync(string officerId);

    Task<ComplaintCommandResult> RefuseAsync(string officerId, string? reason);

    Task<ComplaintCommandResult> EnRouteAsync(string officerId);

    Task<ComplaintCommandResult> OnSceneAsync(string officerId);

    Task<ComplaintCommandResult> ResolveAsync(string officerId, string proofPhoto, string? note);

    // Operator overrides: each one lands in the timeline with who, when and why.
    Task<ComplaintCommandResult> AssignAsync(OperatorAction action, string officerId, bool preempt);

    Task<ComplaintCommandResult> UnassignAsync(OperatorAction action);

    Task<ComplaintCommandResult> ChangeCategoryAsync(OperatorAction action, string category);

    Task<ComplaintCommandResult> ChangePriorityAsync(OperatorAction action, int priority);

    Task<ComplaintCommandResult> MarkDuplicateAsync(OperatorAction action, string originalId);

    Task<ComplaintCommandResult> CancelAsync(OperatorAction action);

    Task<ComplaintCommandResult> RedispatchAsync(OperatorAction action);

    Task<ComplaintCommandResult> AddNoteAsync(OperatorAction action, string note);

    /// <summary>The k nearest available officers of the report's agency, with distances.</summary>
    /// <remarks>Read-only: it only asks zones and changes nothing, so it may overlap other read-only calls.</remarks>
    [ReadOnly]
    Task<IReadOnlyList<Recommendation>> RecommendAsync(int k);

    // Internal signals between grains and timers.
    /// <summary>Runs (or resumes) automatic dispatch.</summary>
    Task DispatchAsync();

    /// <summary>The ack deadline of offer <paramref name="offerSeq"/> may have passed.</summary>
    Task OfferDeadlineAsync(int offerSeq);

    /// <summary>An operator gave this report's officer to another report.</summary>
    [OneWay]
    Task OfficerPreemptedAsync(string officerId, string byComplaintId, string actor);

    /// <summary>The officer believes it holds this report: releases it when the report does not name it, expires an overdue offer.</summary>
    [OneWay]
    Task ConfirmHolderAsync(string officerId);

    /// <summary>The report's zone still counts it as open: a closed report tells the zone again (its close was lost).</summary>
    [OneWay]
    Task ConfirmOpenInZoneAsync();

    /// <summary>A later report was linked to this one as its duplicate.</summary>
    [OneWay]
    Task LinkDuplicateAsync(string duplicateId);

    /// <summary>Automatic dispatch resumed for this report's category or zone.</summary>
    [OneWay]
    Task ResumeAsync();
}
