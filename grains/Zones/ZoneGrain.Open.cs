using Microsoft.Extensions.Logging;
using Orleans.Storage;
using TangerangLive.Grains.Complaints;
using TangerangLive.Grains.Dispatch;

namespace TangerangLive.Grains.Zones;

/// <summary>
/// The zone's open reports: the duplicate index, bounded by <see cref="ZoneBounds.MaxOpenReports"/> (the oldest
/// spilled and counted), and rescanned on the sweep for reports that closed without telling the zone.
/// </summary>
/// <remarks>
/// The index is written behind: a change is made in memory, the caller is answered at once, and a copy of the
/// index goes to storage after the write window (<see cref="DispatchTimingOptions.ZoneIndexWriteWindowMilliseconds"/>),
/// one write at a time, the changes made meanwhile gathered into that write.
/// So registering a report (on every report's way to its first offer) waits for no database round trip and does
/// not hold the zone's turn, where matching and heartbeats queue. The index is derived data, not a transition:
/// the report itself is stored before it reaches the zone. A silo dying with a write due loses at most the
/// changes of that window and write: a report missing from the index is not linked as a duplicate (it is dispatched on its
/// own) and is not counted open until it closes (closing a report the zone does not list changes nothing), and a
/// closed report still listed is dropped by the rescan.
/// </remarks>
public sealed partial class ZoneGrain
{
    private (DateTimeOffset SubmittedAt, string Id) _rescanAfter = (DateTimeOffset.MinValue, string.Empty);

    /// <summary>The working index; storage holds the last copy written.</summary>
    private ZoneState _open = new();
    private bool _dirty;
    private bool _deactivating;
    private Task _flushing = Task.CompletedTask;

    /// <summary>Ends the write window early (a deactivation writes at once); null outside a window.</summary>
    private CancellationTokenSource? _windowEnd;

    public async Task<string?> RegisterOpenComplaintAsync(OpenComplaint complaint, double radiusMetres, DateTimeOffset since)
    {
        var duplicateOf = await FindDuplicateAsync(complaint.Category, complaint.Lat, complaint.Lon, radiusMetres, since, complaint.ComplaintId);
        if (duplicateOf is null)
        {
            _open.Open[complaint.ComplaintId] = complaint;
            Spill();
            WriteBehind();
            await EnsureReminderAsync();
        }

        return duplicateOf;
    }

    public async Task AddOpenComplaintAsync(OpenComplaint complaint)
    {
        // A spilled report stays spilled (and counted); only an indexed or a newer one is (re)indexed.
        if (!_open.Open.ContainsKey(complaint.ComplaintId) && WasSpilled(complaint.SubmittedAt))
        {
            return;
        }

        _open.Open[complaint.ComplaintId] = complaint;
        Spill();
        WriteBehind();
        await EnsureReminderAsync();
    }

    public Task CloseComplaintAsync(string complaintId, DateTimeOffset submittedAt)
    {
        if (_open.Open.Remove(complaintId))
        {
            WriteBehind();
        }
        else if (WasSpilled(submittedAt))
        {
            _open.Spilled--;
            WriteBehind();
        }

        return Task.CompletedTask;
    }

    public Task<string?> FindDuplicateAsync(string category, double lat, double lon, double radiusMetres, DateTimeOffset since, string excludeComplaintId)
    {
        var metric = city.Map.Metric;
        var original = _open.Open.Values
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
        _open.Spilled > 0 && _open.SpilledThrough is { } through && submittedAt <= through;

    /// <summary>Past the bound, the oldest indexed reports leave the index and are counted instead.</summary>
    private void Spill()
    {
        var open = _open.Open;
        if (open.Count <= ZoneBounds.MaxOpenReports)
        {
            return;
        }

        var oldest = open.Values.OrderBy(c => c.SubmittedAt).ThenBy(c => c.ComplaintId, StringComparer.Ordinal).Take(open.Count - ZoneBounds.MaxOpenReports).ToList();
        foreach (var spilled in oldest)
        {
            open.Remove(spilled.ComplaintId);
            _open.Spilled++;
            _open.SpilledThrough = _open.SpilledThrough is { } through && through > spilled.SubmittedAt ? through : spilled.SubmittedAt;
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
        var old = _open.Open.Values
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

    /// <summary>Marks the index changed and starts a write unless one is in flight (which then writes again).</summary>
    private void WriteBehind()
    {
        _dirty = true;
        if (_flushing.IsCompleted)
        {
            _flushing = FlushAsync();
        }
    }

    /// <summary>
    /// Writes copies of the index until no change is left, each after the write window has gathered the changes made
    /// meanwhile. Runs on this activation's scheduler (started from a turn, resumed between turns), so the copy is
    /// taken while nothing else touches the index. A failed write is retried with a growing pause; a write refused
    /// because another activation wrote the zone ends this one.
    /// </summary>
    private async Task FlushAsync()
    {
        var failures = 0;
        while (_dirty)
        {
            await WriteWindowAsync();
            _dirty = false;
            state.State = _open.Copy();
            try
            {
                await state.WriteStateAsync();
                failures = 0;
            }
            catch (InconsistentStateException ex)
            {
                LogIndexWriteFailed(logger, ex, ZoneCode, "another activation wrote this zone; deactivating");
                DeactivateOnIdle();
                return;
            }
            catch (Exception ex)
            {
                _dirty = true;
                failures++;
                LogIndexWriteFailed(logger, ex, ZoneCode, _deactivating ? "giving up: deactivating" : $"retrying (failure {failures})");
                if (_deactivating)
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5_000, 100 << Math.Min(failures, 6))));
            }
        }
    }

    /// <summary>Waits out the write window, unless the zone is deactivating (which ends a window under way).</summary>
    private async Task WriteWindowAsync()
    {
        var window = timing.Value.ZoneIndexWriteWindow;
        if (window <= TimeSpan.Zero || _deactivating)
        {
            return;
        }

        using var end = new CancellationTokenSource();
        _windowEnd = end;
        try
        {
            await Task.Delay(window, end.Token);
        }
        catch (OperationCanceledException)
        {
            // Ended early: the zone is deactivating and writes now.
        }
        finally
        {
            _windowEnd = null;
        }
    }

    /// <summary>On deactivation: the last changes are written (or tried once) before the activation goes.</summary>
    private async Task FlushBeforeDeactivationAsync(CancellationToken cancellationToken)
    {
        _deactivating = true;
        _windowEnd?.Cancel();
        if (_dirty)
        {
            WriteBehind();
        }

        try
        {
            await _flushing.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            LogIndexWriteFailed(logger, null, ZoneCode, "deactivation timed out with the open-report index unwritten");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zone {ZoneCode}: writing the open-report index failed, {Action}")]
    private static partial void LogIndexWriteFailed(ILogger logger, Exception? exception, string zoneCode, string action);
}
