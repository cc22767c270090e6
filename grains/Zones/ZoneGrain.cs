using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using TangerangLive.Grains.Dispatch;
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
    IPositionLog positions,
    IOptions<DispatchTimingOptions> timing,
    ILogger<ZoneGrain> logger) : Grain, IZoneGrain, IRemindable
{
    /// <summary>How often officers are checked for silence: detection within threshold + this.</summary>
    public static readonly TimeSpan SweepPeriod = TimeSpan.FromSeconds(5);

    /// <summary>How far back a re-activated zone looks in the position log (older rows are long offline).</summary>
    public static readonly TimeSpan RebuildWindow = TimeSpan.FromDays(1);

    private const string KeepAliveReminder = "zone-liveness";

    private OfficerRoster _roster = null!;
    private ITimer? _sweepTimer;
    private TaskScheduler _scheduler = TaskScheduler.Default;
    private bool _reminderRegistered;
    private ZoneCounters? _published;
    private DateTimeOffset _nextRescan = DateTimeOffset.MinValue;

    /// <summary>This zone's entry in the silo's <see cref="ZoneAvailability"/> while it is active (null where the silo keeps none).</summary>
    private ZoneAvailability.Entry? _availabilityEntry;

    /// <summary>The zone's code, made once (the key is turned into a new string on every read).</summary>
    private string ZoneCode => _zoneCode ??= ZoneKey.CodeOf(this.GetPrimaryKeyString());

    private string? _zoneCode;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The index is soft state: officers whose last saved fix is here, on duty and online come back from
        // the position log; the sweep right after marks those silent past the threshold offline (no report is
        // matched in between), and the next heartbeats bring the rest up to date.
        _roster = new OfficerRoster(ZoneCode, city.Map.Metric);
        _open = state.State.Copy();
        foreach (var saved in await positions.InZoneAsync(ZoneCode, clock.Now - RebuildWindow, cancellationToken))
        {
            if (saved.Indexed && saved.ZoneCode == ZoneCode)
            {
                _roster.Upsert(new OfficerPosition(saved.OfficerId, saved.Agency, saved.Lat, saved.Lon, saved.Available, saved.LastSeen.UtcDateTime));
            }
        }

        // The sweep runs on business time (a fake clock in tests); its tick is queued on this activation's
        // scheduler, so the private sweep runs as one turn of this grain, never beside another.
        _scheduler = TaskScheduler.Current;
        _sweepTimer = clock.Every(SweepPeriod, OnSweepTick);
        Sweep();
        if (_roster.Count > 0 || _open.OpenCount > 0)
        {
            await EnsureReminderAsync();
        }

        // The index is whole and the activation can no longer fail: from now on it tells this silo's searches which
        // agencies have someone available here (an activation that failed before this point leaves no entry behind).
        if (ServiceProvider.GetService<ZoneAvailability>() is { } availability)
        {
            _availabilityEntry = availability.Attach(ZoneCode, _roster.AgenciesWithAvailable, clock.Now);
            _roster.AvailabilityChanged = _availabilityEntry.Set;
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_availabilityEntry is not null)
        {
            ServiceProvider.GetRequiredService<ZoneAvailability>().Detach(ZoneCode, _availabilityEntry);
            _roster.AvailabilityChanged = null;
            _availabilityEntry = null;
        }

        _sweepTimer?.Dispose();
        await FlushBeforeDeactivationAsync(cancellationToken);
    }

    public Task UpdateOfficerAsync(OfficerPosition position)
    {
        _roster.Upsert(position);
        return _reminderRegistered ? Task.CompletedTask : EnsureReminderAsync();
    }

    public Task RemoveOfficerAsync(string officerId)
    {
        _roster.Remove(officerId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<MatchCandidate>> NearestAsync(string agency, double lat, double lon, int k, double maxMetres, IReadOnlyList<string> exclude) =>
        Task.FromResult(_roster.Nearest(agency, lat, lon, k, maxMetres, exclude));

    public Task<ZoneCounters> GetCountersAsync() => Task.FromResult(Counters());

    public Task<ZoneStatus> GetStatusAsync()
    {
        var counters = Counters();
        var officers = _roster.Officers.OrderBy(o => o.OfficerId, StringComparer.Ordinal).ToList();
        return Task.FromResult(new ZoneStatus(ZoneCode, counters.OfficersOnline, counters.OfficersAvailable, counters.OpenComplaints, counters.OnlineByAgency, officers));
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // The reminder exists to bring the zone (its index and its sweep timer) back after a silo dies.
        if (_roster.Count == 0 && _open.OpenCount == 0)
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
            Sweep();
        }
    }

    /// <summary>Runs on the timer's thread: queues the sweep as a turn of this activation.</summary>
    private void OnSweepTick() =>
        Task.Factory.StartNew(Sweep, CancellationToken.None, TaskCreationOptions.None, _scheduler).Ignore();

    /// <summary>Officers silent past the offline threshold are marked offline; changed counters are published.</summary>
    private void Sweep()
    {
        var now = clock.Now;
        OfflineSweep.Run(_roster, now, city, live, positions, GrainFactory, logger);
        _availabilityEntry?.Touch(now);

        if (now >= _nextRescan)
        {
            _nextRescan = now + ZoneBounds.RescanPeriod;
            Rescan();
        }

        var counters = Counters();
        if (!counters.SameAs(_published) && (_published is not null || counters.OfficersOnline + counters.OpenComplaints > 0))
        {
            _published = counters;
            live.Publish(new ZoneCountersChanged(now, ZoneCode, counters.OfficersOnline, counters.OfficersAvailable, counters.OpenComplaints, counters.OnlineByAgency));
        }
    }

    private ZoneCounters Counters() =>
        new(ZoneCode, _roster.Count, _roster.AvailableCount, _open.OpenCount, _roster.CountByAgency());

    private async Task EnsureReminderAsync()
    {
        if (_reminderRegistered || (_roster.Count == 0 && _open.OpenCount == 0))
        {
            return;
        }

        await this.RegisterOrUpdateReminder(KeepAliveReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        _reminderRegistered = true;
    }
}
