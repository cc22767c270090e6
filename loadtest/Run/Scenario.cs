using System.Globalization;
using System.Text.Json;
using TangerangLive.LoadTest.Core;

namespace TangerangLive.LoadTest.Run;

/// <summary>
/// One run's cast, ready to play: the city's zones and categories read from the API, the officers
/// imported and signed in with their device credentials, citizens registered, hubs connected, shifts
/// started with a first heartbeat each. <see cref="PlayAsync"/> runs the measured window.
/// </summary>
internal sealed partial class Scenario : IDisposable
{
    public const string ShiftStart = "setup: shift start";
    private readonly CancellationTokenSource _work = new();

    private Scenario(SiloClient client, StatsRegistry stats, RunOptions options, string runId, string adminToken, Fleet fleet, CityMap map, IReadOnlyList<CategoryInfo> categories)
    {
        (Client, Stats, Options, RunId, AdminToken, Fleet) = (client, stats, options, runId, adminToken, fleet);
        Ledger = new RunLedger(stats);
        FieldWork = new FieldWork(client, Ledger, options, _work.Token);
        Hubs = new OfficerHubs(client, Ledger, FieldWork);
        Heartbeats = new Heartbeats(client, fleet, FieldWork, options);
        Sampler = new NearestSampler(fleet, options);
        Map = map;
        Categories = categories;
        var byId = fleet.Officers.ToDictionary(o => o.OfficerId, StringComparer.Ordinal);
        Operators = new Operators(client, Ledger, options, id => byId.GetValueOrDefault(id), adminToken);
        Dropouts = new Dropouts(client, Ledger, options, fleet, Hubs, Heartbeats, adminToken);
    }

    public SiloClient Client { get; }
    public StatsRegistry Stats { get; }
    public RunOptions Options { get; }
    public string RunId { get; }
    public string AdminToken { get; }
    public Fleet Fleet { get; }
    public CityMap Map { get; }
    public IReadOnlyList<CategoryInfo> Categories { get; }
    public RunLedger Ledger { get; }
    public FieldWork FieldWork { get; }
    public OfficerHubs Hubs { get; }
    public Heartbeats Heartbeats { get; }
    public NearestSampler Sampler { get; }
    public Operators Operators { get; }
    public Dropouts Dropouts { get; }
    public Citizens? Citizens { get; private set; }

    public static async Task<Scenario> PrepareAsync(SiloClient client, StatsRegistry stats, RunOptions options, Action<string> say, CancellationToken cancellation)
    {
        var enrolment = new Enrolment(client, options);
        var admin = await enrolment.AdminTokenAsync(cancellation);
        var agencies = await GetAsync<List<AgencyInfo>>(client, "/api/admin/agencies", admin, cancellation);
        var dispatching = agencies.Where(a => a.Dispatches).Select(a => a.Code).ToList();
        var categories = (await GetAsync<List<CategoryInfo>>(client, "/api/admin/categories", admin, cancellation))
            .Where(c => dispatching.Contains(c.Agency, StringComparer.Ordinal)).ToList();
        var map = CityMap.Parse((await GetAsync<JsonElement>(client, "/api/zones", admin, cancellation)).GetRawText());
        var runId = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 1_679_616).ToString("x5", CultureInfo.InvariantCulture);
        var fleet = new Fleet(map, dispatching, options, runId);
        say($"run {runId}: {map.Zones.Count} zones, {dispatching.Count} dispatching agencies, {categories.Count} categories; importing {options.Officers:N0} officers");

        var scenario = new Scenario(client, stats, options, runId, admin, fleet, map, categories);
        var started = MonotonicClock.Now;
        var credentials = await enrolment.ImportAsync(admin, fleet.Officers, cancellation);
        say($"roster imported in {MonotonicClock.Since(started).TotalSeconds:F1} s; registering {options.EffectiveCitizens} citizens while each phone signs in, connects its hub, starts its shift and sends a first heartbeat");
        var citizens = enrolment.CitizensAsync(runId, options.EffectiveCitizens, cancellation);
        var ready = 0;
        var phones = Enrolment.ForEachAsync(fleet.Officers, async officer =>
        {
            await scenario.StartOfficerAsync(enrolment, officer, credentials[officer.OfficerId], cancellation);
            Interlocked.Increment(ref ready);
        }, cancellation, parallel: 64);
        while (await Task.WhenAny(phones, Task.Delay(TimeSpan.FromSeconds(5), cancellation)) != phones)
        {
            say($"  phones set up: {Volatile.Read(ref ready):N0} of {fleet.Officers.Count:N0} after {MonotonicClock.Since(started).TotalSeconds:F0} s");
        }

        await phones;
        scenario.Citizens = new Citizens(client, scenario.Ledger, options, map, categories, await citizens, scenario.Sampler.OnAccepted);
        say($"setup done in {MonotonicClock.Since(started).TotalSeconds:F1} s; {fleet.Officers.Count(o => o.Phase == OfficerPhase.Available):N0} officers on shift");
        return scenario;
    }

    public void Dispose() => _work.Dispose();

    /// <summary>One phone's start of shift: device token, hub (if it keeps one), shift start, first heartbeat.</summary>
    private async Task StartOfficerAsync(Enrolment enrolment, SimOfficer officer, string credential, CancellationToken cancellation)
    {
        officer.Token = await enrolment.DeviceTokenAsync(credential, cancellation);
        if (Fleet.WantsHub(officer.Index))
        {
            await Hubs.StartAsync(officer, OfficerHubs.Connect, cancellation);
        }

        var shift = await Client.SendAsync<NoBody>(ShiftStart, HttpMethod.Post, "/api/me/shift/start", officer.Token, new { }, MonotonicClock.Now, cancellation);
        if (shift.Ok)
        {
            officer.StartShift();
            await Heartbeats.BeatAsync(officer, MonotonicClock.Now, cancellation, setup: true);
        }
    }

    private static async Task<T> GetAsync<T>(SiloClient client, string path, string token, CancellationToken cancellation)
    {
        var answer = await client.SendAsync<T>("setup: city data", HttpMethod.Get, path, token, null, MonotonicClock.Now, cancellation);
        return answer.Ok && answer.Value is { } value ? value : throw new InvalidOperationException($"GET {path} failed ({answer.ErrorKind}): {answer.Detail}");
    }
}
