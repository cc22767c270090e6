using Microsoft.Extensions.Logging;
using TangerangLive.Grains.Live;
using TangerangLive.Grains.Matching;
using TangerangLive.Grains.Officers;

namespace TangerangLive.Grains.Zones;

/// <inheritdoc cref="IOutsideOfficersGrain"/>
public sealed class OutsideOfficersGrain(
    CityModel city,
    DomainClock clock,
    ILiveEventSink live,
    IPositionLog positions,
    ILogger<OutsideOfficersGrain> logger) : Grain, IOutsideOfficersGrain, IRemindable
{
    private const string KeepAliveReminder = "outside-liveness";

    private OfficerRoster _roster = null!;
    private ITimer? _sweepTimer;
    private TaskScheduler _scheduler = TaskScheduler.Default;
    private bool _reminderRegistered;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // As a zone does: officers whose last saved fix is outside every zone, on duty and online come back from
        // the position log (a row without a zone may also be an officer whose fix was refused after a zone's sweep
        // marked it offline: only fixes outside every polygon belong here); the sweep right after marks those
        // silent past the threshold offline, and the next heartbeats bring the rest up to date.
        _roster = new OfficerRoster(null, city.Map.Metric);
        foreach (var saved in await positions.OutsideZonesAsync(clock.Now - ZoneGrain.RebuildWindow, cancellationToken))
        {
            if (saved.OnIndex && saved.ZoneCode is null && !city.Map.Contains(saved.Lat, saved.Lon))
            {
                _roster.Upsert(new OfficerPosition(saved.OfficerId, saved.Agency, saved.Lat, saved.Lon, saved.Available, saved.LastSeen.UtcDateTime));
            }
        }

        // The sweep's tick is queued on this activation's scheduler, so it runs as one turn of this grain.
        _scheduler = TaskScheduler.Current;
        _sweepTimer = clock.Every(ZoneGrain.SweepPeriod, OnSweepTick);
        Sweep();
        await EnsureReminderAsync();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _sweepTimer?.Dispose();
        return Task.CompletedTask;
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

    public Task<IReadOnlyList<OfficerPosition>> GetOfficersAsync() =>
        Task.FromResult<IReadOnlyList<OfficerPosition>>(_roster.Officers.OrderBy(o => o.OfficerId, StringComparer.Ordinal).ToList());

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // The reminder exists to bring the index and its sweep back after a silo dies; an empty index needs neither.
        if (_roster.Count > 0)
        {
            Sweep();
            return;
        }

        if (await this.GetReminder(KeepAliveReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _reminderRegistered = false;
    }

    /// <summary>Runs on the timer's thread: queues the sweep as a turn of this activation.</summary>
    private void OnSweepTick() =>
        Task.Factory.StartNew(Sweep, CancellationToken.None, TaskCreationOptions.None, _scheduler).Ignore();

    private void Sweep() => OfflineSweep.Run(_roster, clock.Now, city, live, positions, GrainFactory, logger);

    private async Task EnsureReminderAsync()
    {
        if (_reminderRegistered || _roster.Count == 0)
        {
            return;
        }

        await this.RegisterOrUpdateReminder(KeepAliveReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        _reminderRegistered = true;
    }
}
