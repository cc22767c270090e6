namespace TangerangLive.Grains.Officers;

/// <summary>
/// Positions and last-seen times as soft state: grains hand the latest fix of each officer here without
/// waiting, and one writer per silo saves them in batches (table officer_positions), so a silo failure
/// loses at most a few seconds of positions and never a transition (those are in the Officer grain's state).
/// A re-activated zone rebuilds its index from what was saved.
/// </summary>
public interface IPositionLog
{
    /// <summary>Remembers the officer's latest position and duty; saved with the next batch. Never blocks.</summary>
    void Record(OfficerPositionRecord position);

    /// <summary>A zone's sweep found the officer silent since <paramref name="lastHeard"/>; saved with the next batch unless heard again.</summary>
    void MarkOffline(string officerId, DateTimeOffset lastHeard);

    /// <summary>
    /// The officer's latest record, from the batch not yet written or else from what was saved; null when none. A
    /// re-activated officer grain reads it to carry its online interval on to the last heartbeat the silo that died
    /// had recorded, so the grain's own state needs saving only on transitions.
    /// </summary>
    Task<OfficerPositionRecord?> LatestAsync(string officerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The officers whose last saved fix is in the zone, on duty, not marked offline and heard since
    /// <paramref name="heardSince"/>: what a re-activated zone puts back in its index (and at once sweeps,
    /// so that those silent past the offline threshold are marked offline rather than forgotten).
    /// </summary>
    Task<IReadOnlyList<OfficerPositionRecord>> InZoneAsync(string zoneCode, DateTimeOffset heardSince, CancellationToken cancellationToken = default);

    /// <summary>
    /// The same for the officers whose last saved fix is in no zone: what a re-activated index of officers outside
    /// every zone (<see cref="Zones.IOutsideOfficersGrain"/>) puts back, and at once sweeps.
    /// </summary>
    Task<IReadOnlyList<OfficerPositionRecord>> OutsideZonesAsync(DateTimeOffset heardSince, CancellationToken cancellationToken = default);
}

/// <summary>
/// An officer's latest position with what a zone needs to index it (agency, duty, liveness), and when the
/// officer grain recorded it: a saved row is only replaced by a record made later.
/// </summary>
public readonly record struct OfficerPositionRecord(
    string OfficerId,
    string Agency,
    string? ZoneCode,
    double Lat,
    double Lon,
    DateTimeOffset FixAt,
    DateTimeOffset LastSeen,
    OfficerDuty Duty,
    bool Online,
    bool Active,
    DateTimeOffset RecordedAt)
{
    /// <summary>
    /// On an officer index: active, on duty and online (matching also needs <see cref="Available"/>); a zone's when
    /// <see cref="ZoneCode"/> is set, otherwise the index of officers outside every zone.
    /// </summary>
    public bool OnIndex => Active && Online && Duty != OfficerDuty.OffDuty;

    /// <summary>On a zone's index: <see cref="OnIndex"/> with a zone.</summary>
    public bool Indexed => OnIndex && ZoneCode is not null;

    /// <summary>Free to take a report.</summary>
    public bool Available => Duty == OfficerDuty.Available;
}
