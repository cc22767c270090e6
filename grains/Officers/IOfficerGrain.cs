using Orleans.Concurrency;

namespace TangerangLive.Grains.Officers;

/// <summary>
/// One field officer: profile, duty state, position and current assignment. The only arbiter of its
/// own availability: an offer is accepted or refused in one turn, so two reports never take the same
/// officer. Key: <see cref="OfficerKey.For"/>.
/// </summary>
public interface IOfficerGrain : IGrainWithStringKey
{
    /// <summary>Creates or updates the officer's roster entry.</summary>
    Task<OfficerSnapshot> RegisterAsync(OfficerProfile profile);

    /// <summary>The roster table changed this officer (a bulk import): takes the entry from it.</summary>
    Task RefreshFromRosterAsync();

    /// <summary>The officer as now, or null when nobody registered this id.</summary>
    /// <remarks>Read-only: it copies the state in one synchronous turn and changes nothing.</remarks>
    [ReadOnly]
    Task<OfficerSnapshot?> GetAsync();

    /// <summary>The silo this activation lives on (operations and cluster tests).</summary>
    /// <remarks>Read-only: it reads the runtime identity, never the state.</remarks>
    [ReadOnly]
    Task<string> GetHostingSiloAsync();

    /// <summary>Goes on duty: becomes available for dispatch while online.</summary>
    Task<CommandResult> StartShiftAsync();

    /// <summary>Goes off duty; refused while holding a report.</summary>
    Task<CommandResult> EndShiftAsync();

    /// <summary>A location heartbeat: kept in memory, forwarded one way to the zone index and to the batched position log.</summary>
    Task<PositionAck> ReportPositionAsync(PositionReport report);

    /// <summary>
    /// A heartbeat passed on by the officer's shard (<see cref="IOfficerShardGrain"/>): applied as
    /// <see cref="ReportPositionAsync"/> applies it, and when the officer has heard nothing but heartbeats for a while,
    /// its hot state comes back with the answer for the shard to keep, and the grain deactivates. A heartbeat that
    /// reaches it after that hand-over is bounced back to the shard unapplied.
    /// </summary>
    Task<ShardedPositionAck> ReportPositionForShardAsync(PositionReport report);

    /// <summary>
    /// A heartbeat sent to the grain directly, because its last one found the grain active (one grain call instead of
    /// the shard's two, <see cref="OfficerShards.ReportPositionAsync(IGrainFactory, string, PositionReport, Dispatch.DispatchTimingOptions)"/>):
    /// applied as <see cref="ReportPositionAsync"/> applies it, and when the officer has heard nothing but heartbeats
    /// for a while, the grain hands its hot state to its shard itself before it answers, so the next heartbeat, sent to
    /// the shard, finds it there. Bounced unapplied when it reaches the grain after a hand-over.
    /// </summary>
    Task<DirectPositionAck> ReportPositionDirectAsync(PositionReport report);

    /// <summary>
    /// Dispatch found this officer nearest to a report still being written, and an offer may follow: a dormant officer
    /// activates now (reading its state and taking its position back from its shard) instead of when the offer arrives,
    /// and an active one stays active. Changes nothing else.
    /// </summary>
    /// <remarks>One way: nothing waits for it; the offer queues behind it in the officer's own order.</remarks>
    [OneWay]
    Task WakeAsync();

    /// <summary>Takes the report if still available (or, with preemption, even if busy).</summary>
    Task<OfferResponse> TryOfferAsync(AssignmentOffer offer);

    /// <summary>Moves the officer's work on the report to the next stage (the report grain checked it).</summary>
    Task<CommandResult> AdvanceAsync(string complaintId, OfficerDuty stage);

    /// <summary>Frees the officer from the report (expired, refused, resolved, unassigned, cancelled).</summary>
    Task<bool> ReleaseAsync(string complaintId, string reason);

    /// <summary>
    /// Seals every finished shift day not sealed yet (attendance from the online intervals, hash-chained to
    /// the previous day) and stores it. Idempotent; run by a reminder, and callable by supervisors.
    /// </summary>
    Task<IReadOnlyList<Attendance.SealedRecord>> CloseAttendanceAsync();

    /// <summary>Checks the held report still names this officer; frees the officer when it does not (timer, activation).</summary>
    Task ReconcileAsync();

    /// <summary>The report names this officer at <paramref name="stage"/> but the officer lost the hold (a write lost in a crash): takes it back if free.</summary>
    Task<OfferResponse> RestoreAsync(string complaintId, OfficerDuty stage);

    /// <summary>An index's sweep (the zone's, or the outside index's when <paramref name="zoneCode"/> is null) found the officer silent past the offline threshold.</summary>
    [OneWay]
    Task MarkOfflineAsync(DateTimeOffset lastHeard, string? zoneCode);
}
