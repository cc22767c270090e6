using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using TangerangLive.Grains.Live;
using TangerangLive.Grains.Matching;
using TangerangLive.Grains.Officers;

namespace TangerangLive.Grains.Zones;

/// <inheritdoc cref="IZoneGrain"/>
public sealed partial class ZoneGrain(
    [PersistentState("zone", StorageNames.Grains)] IPersistentState<ZoneState> state,
    CityModel city,
    DomainClock clock,
    ILiveEventSink live,
    ILogger<ZoneGrain> logger) : Grain, IZoneGrain, IRemindable
{
    /// <summary>How often officers are checked for silence: detection within threshold + this.</summary>
    public static readonly TimeSpan SweepPeriod = TimeSpan.FromSeconds(5);

    /// <summary>Positions are saved at most this often; transitions are saved at once.</summary>
    public static readonly TimeSpan PositionSavePeriod = TimeSpan.FromSeconds(30);

    private const string KeepAliveReminder = "zone-liveness";

    private OfficerRoster _roster = null!;
    private ITimer? _sweepTimer;
    private bool _positionsDirty;
    private DateTimeOffset _lastSaved;
    private bool _reminderRegistered;

    private string ZoneCode => ZoneKey.CodeOf(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _roster = new OfficerRoster(ZoneCode, city.Map.Metric);
        foreach (var officer in state.State.Roster.Values)
        {
            _roster.Upsert(officer);
        }

        _lastSaved = clock.Now;
        var self = this.AsReference<IZoneGrain>();
        _sweepTimer = clock.Every(SweepPeriod, () => self.SweepAsync().Ignore());
        await EnsureReminderAsync();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _sweepTimer?.Dispose();
        return _positionsDirty ? state.WriteStateAsync(cancellationToken) : Task.CompletedTask;
    }

    public async Task UpdateOfficerAsync(OfficerPosition position)
    {
        var known = state.State.Roster.TryGetValue(position.OfficerId, out var previous);
        _roster.Upsert(position);
        state.State.Roster[position.OfficerId] = position;
        if (!known || previous!.Available != position.Available || previous.Agency != position.Agency)
        {
            // Joining the zone or changing availability is a transition: saved before we answer.
            await SaveAsync();
            await EnsureReminderAsync();
        }
        else
        {
            _positionsDirty = true;
        }
    }

    public async Task RemoveOfficerAsync(string officerId)
    {
        _roster.Remove(officerId);
        if (state.State.Roster.Remove(officerId))
        {
            await SaveAsync();
        }
    }

    public Task<IReadOnlyList<MatchCandidate>> NearestAsync(string agency, double lat, double lon, int k, double maxMetres, IReadOnlyList<string> exclude)
    {
        IReadOnlyList<MatchCandidate> found;
        if (exclude.Count == 0)
        {
            found = _roster.Nearest(agency, lat, lon, k, maxMetres);
        }
        else
        {
            var skip = exclude.ToHashSet(StringComparer.Ordinal);
            found = _roster.Nearest(agency, lat, lon, k + skip.Count, maxMetres).Where(c => !skip.Contains(c.OfficerId)).Take(k).ToList();
        }

        return Task.FromResult(found);
    }

    public async Task<string?> RegisterOpenComplaintAsync(OpenComplaint complaint, double radiusMetres, DateTimeOffset since)
    {
        var duplicateOf = await FindDuplicateAsync(complaint.Category, complaint.Lat, complaint.Lon, radiusMetres, since, complaint.ComplaintId);
        if (duplicateOf is null)
        {
            state.State.Open[complaint.ComplaintId] = complaint;
            await SaveAsync();
            await EnsureReminderAsync();
        }

        return duplicateOf;
    }

    public async Task AddOpenComplaintAsync(OpenComplaint complaint)
    {
        state.State.Open[complaint.ComplaintId] = complaint;
        await SaveAsync();
    }

    public async Task CloseComplaintAsync(string complaintId)
    {
        if (state.State.Open.Remove(complaintId))
        {
            await SaveAsync();
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

    public async Task SweepAsync()
    {
        var now = clock.Now;
        var cutoff = (now - city.Definition.Liveness.OfflineThreshold).UtcDateTime;
        var silent = _roster.RemoveSilentSince(cutoff);
        foreach (var officerId in silent)
        {
            var last = state.State.Roster[officerId];
            state.State.Roster.Remove(officerId);
            LogOffline(logger, officerId, ZoneCode, last.LastSeenUtc);
            live.Publish(new OfficerStatusChanged(now, officerId, last.Agency, ZoneCode, "Offline", false, null));
            GrainFactory.Officer(officerId).MarkOfflineAsync(new DateTimeOffset(last.LastSeenUtc, TimeSpan.Zero), ZoneCode).Ignore();
        }

        if (silent.Count > 0 || (_positionsDirty && now - _lastSaved >= PositionSavePeriod))
        {
            await SaveAsync();
        }
    }

    public Task<ZoneStatus> GetStatusAsync()
    {
        var officers = state.State.Roster.Values.OrderBy(o => o.OfficerId, StringComparer.Ordinal).ToList();
        var byAgency = officers.GroupBy(o => o.Agency).ToDictionary(g => g.Key, g => g.Count());
        return Task.FromResult(new ZoneStatus(ZoneCode, officers.Count, officers.Count(o => o.Available), state.State.Open.Count, byAgency, officers));
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // The reminder exists to bring the zone (and its sweep timer) back after a silo dies.
        if (state.State.Roster.Count == 0 && state.State.Open.Count == 0)
        {
            var reminder = await this.GetReminder(KeepAliveReminder);
            if (reminder is not null)
            {
                await this.UnregisterReminder(reminder);
            }

            _reminderRegistered = false;
        }
        else
        {
            await SweepAsync();
        }
    }

    private async Task SaveAsync()
    {
        await state.WriteStateAsync();
        _positionsDirty = false;
        _lastSaved = clock.Now;
    }

    private async Task EnsureReminderAsync()
    {
        if (_reminderRegistered || (state.State.Roster.Count == 0 && state.State.Open.Count == 0))
        {
            return;
        }

        await this.RegisterOrUpdateReminder(KeepAliveReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        _reminderRegistered = true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Officer {OfficerId} offline in zone {ZoneCode}: last heard at {LastSeen:o}")]
    private static partial void LogOffline(ILogger logger, string officerId, string zoneCode, DateTime lastSeen);
}
