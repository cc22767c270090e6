using TangerangLive.Grains.Complaints;

namespace TangerangLive.Grains.Zones;

/// <summary>
/// The zone's open reports: the duplicate index, bounded by <see cref="ZoneBounds.MaxOpenReports"/> (the oldest
/// spilled and counted), and rescanned on the sweep for reports that closed without telling the zone.
/// </summary>
public sealed partial class ZoneGrain
{
    private (DateTimeOffset SubmittedAt, string Id) _rescanAfter = (DateTimeOffset.MinValue, string.Empty);

    public async Task<string?> RegisterOpenComplaintAsync(OpenComplaint complaint, double radiusMetres, DateTimeOffset since)
    {
        var duplicateOf = await FindDuplicateAsync(complaint.Category, complaint.Lat, complaint.Lon, radiusMetres, since, complaint.ComplaintId);
        if (duplicateOf is null)
        {
            state.State.Open[complaint.ComplaintId] = complaint;
            Spill();
            await state.WriteStateAsync();
            await EnsureReminderAsync();
        }

        return duplicateOf;
    }

    public async Task AddOpenComplaintAsync(OpenComplaint complaint)
    {
        // A spilled report stays spilled (and counted); only an indexed or a newer one is (re)indexed.
        if (!state.State.Open.ContainsKey(complaint.ComplaintId) && WasSpilled(complaint.SubmittedAt))
        {
            return;
        }

        state.State.Open[complaint.ComplaintId] = complaint;
        Spill();
        await state.WriteStateAsync();
        await EnsureReminderAsync();
    }

    public async Task CloseComplaintAsync(string complaintId, DateTimeOffset submittedAt)
    {
        if (state.State.Open.Remove(complaintId))
        {
            await state.WriteStateAsync();
        }
        else if (WasSpilled(submittedAt))
        {
            state.State.Spilled--;
            await state.WriteStateAsync();
        }
    }

    public Task<string?> FindDuplicateAsync(string category, double lat, double lon, double radiusMetres, DateTimeOffset since, string excludeComplaintId)
    {
        var metric = city.Map.Metric;
        var original = state.State.Open.Values
            .Where(c => c.ComplaintId != excludeComplaintId
                && string.Equals(c.Category, category, StringComparison.OrdinalIgnoreCase)
                && c.SubmittedAt >= since
                && metric.DistanceMetres(lat, lon, c.Lat, c.Lon) <= radiusMetres)
            .OrderBy(c => c.SubmittedAt)
            .ThenBy(c => c.ComplaintId, StringComparer.Ordinal)
            .FirstOrDefault();
        return Task.FromResult(original?.ComplaintId);
    }

    private bool WasSpilled(DateTimeOffset submittedAt) =>
        state.State.Spilled > 0 && state.State.SpilledThrough is { } through && submittedAt <= through;

    /// <summary>Past the bound, the oldest indexed reports leave the index and are counted instead.</summary>
    private void Spill()
    {
        var open = state.State.Open;
        if (open.Count <= ZoneBounds.MaxOpenReports)
        {
            return;
        }

        var oldest = open.Values.OrderBy(c => c.SubmittedAt).ThenBy(c => c.ComplaintId, StringComparer.Ordinal).Take(open.Count - ZoneBounds.MaxOpenReports).ToList();
        foreach (var spilled in oldest)
        {
            open.Remove(spilled.ComplaintId);
            state.State.Spilled++;
            state.State.SpilledThrough = state.State.SpilledThrough is { } through && through > spilled.SubmittedAt ? through : spilled.SubmittedAt;
        }
    }

    /// <summary>
    /// Asks the reports behind the next <see cref="ZoneBounds.RescanBatch"/> entries older than the duplicate window
    /// whether they are still open; one that has closed tells the zone again. One-way, so the sweep never waits
    /// on a report that may be waiting on this zone.
    /// </summary>
    private void Rescan()
    {
        var before = clock.Now - TimeSpan.FromMinutes(city.Definition.Duplicates.WindowMinutes);
        var old = state.State.Open.Values
            .Where(c => c.SubmittedAt < before)
            .OrderBy(c => c.SubmittedAt)
            .ThenBy(c => c.ComplaintId, StringComparer.Ordinal)
            .ToList();
        var next = old.Where(c => c.SubmittedAt > _rescanAfter.SubmittedAt
                || (c.SubmittedAt == _rescanAfter.SubmittedAt && string.CompareOrdinal(c.ComplaintId, _rescanAfter.Id) > 0))
            .Take(ZoneBounds.RescanBatch).ToList();
        if (next.Count < ZoneBounds.RescanBatch)
        {
            next.AddRange(old.Where(c => !next.Contains(c)).Take(ZoneBounds.RescanBatch - next.Count));
        }

        foreach (var entry in next)
        {
            GrainFactory.Complaint(entry.ComplaintId).ConfirmOpenInZoneAsync().Ignore();
        }

        _rescanAfter = next.Count == 0 ? (DateTimeOffset.MinValue, string.Empty) : (next[^1].SubmittedAt, next[^1].ComplaintId);
    }
}
