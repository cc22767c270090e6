using System.Globalization;
using System.Text.Json;
using TangerangLive.Grains.City;
using TangerangLive.LoadTest.Core;
using TangerangLive.LoadTest.Run;

namespace TangerangLive.LoadTest.Ceiling;

/// <summary>
/// Who sends: officers enrolled through the roster import, signed in with their device credentials
/// and on shift (each with a first heartbeat), and, for the reports path, registered citizens. The
/// no-op endpoint is driven with the same cast; with <c>--noop-only</c> the cast is made up from the
/// built-in city (tokens of a real token's length), since no silo is asked.
/// </summary>
internal sealed class CeilingCast
{
    public const string FirstBeat = "setup: first heartbeat";
    public const string ShiftStart = "setup: shift start";
    public const string ShiftEnd = "teardown: shift end";
    public const string KeepAliveBeat = "setup: keep-alive heartbeat";

    /// <summary>How often an officer already on shift beats while the others enrol (the default offline threshold is 90 s).</summary>
    public static readonly TimeSpan KeepAliveEvery = TimeSpan.FromSeconds(30);

    /// <summary>The length of an officer's access token from the engine (a signed JWT), used for made-up tokens.</summary>
    private const int MadeUpTokenLength = 560;

    private CeilingCast(Fleet fleet, CityMap map, IReadOnlyList<CategoryInfo> categories, string[] citizenTokens, bool real)
    {
        (Fleet, Map, Categories, CitizenTokens, Real) = (fleet, map, categories, citizenTokens, real);
        Bearers = [.. fleet.Officers.Select(o => "Bearer " + o.Token)];
        CitizenBearers = [.. citizenTokens.Select(t => "Bearer " + t)];
    }

    public Fleet Fleet { get; }
    public CityMap Map { get; }
    public IReadOnlyList<CategoryInfo> Categories { get; }
    public string[] CitizenTokens { get; }

    /// <summary>"Bearer ..." per officer index, made once (the header value the app sends).</summary>
    public string[] Bearers { get; }

    public string[] CitizenBearers { get; }

    /// <summary>True when enrolled on a silo (shifts must be ended); false for a made-up cast.</summary>
    public bool Real { get; }

    /// <summary>Enrols, signs in and puts every officer on shift through the public API; registers citizens when asked.</summary>
    public static async Task<CeilingCast> EnrolAsync(SiloClient client, StatsRegistry setup, CeilingOptions options, int citizens, Action<string> say, CancellationToken cancellation)
    {
        var runOptions = RunOptionsFor(options);
        var enrolment = new Enrolment(client, runOptions);
        var admin = await enrolment.AdminTokenAsync(cancellation);
        var agencies = await GetAsync<List<AgencyInfo>>(client, "/api/admin/agencies", admin, cancellation);
        var dispatching = agencies.Where(a => a.Dispatches).Select(a => a.Code).ToList();
        var categories = (await GetAsync<List<CategoryInfo>>(client, "/api/admin/categories", admin, cancellation))
            .Where(c => dispatching.Contains(c.Agency, StringComparer.Ordinal)).ToList();
        var map = CityMap.Parse((await GetAsync<JsonElement>(client, "/api/zones", admin, cancellation)).GetRawText());
        var runId = "c" + (DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 1_679_616).ToString("x5", CultureInfo.InvariantCulture);
        var fleet = new Fleet(map, dispatching, runOptions, runId);

        var started = MonotonicClock.Now;
        say($"ceiling {runId}: importing {options.Officers:N0} officers");
        var credentials = await enrolment.ImportAsync(admin, fleet.Officers, cancellation);
        say($"roster imported in {MonotonicClock.Since(started).TotalSeconds:F1} s; exchanging device credentials for tokens");
        await WithProgressAsync(fleet.Officers, async officer => officer.Token = await enrolment.DeviceTokenAsync(credentials[officer.OfficerId], cancellation),
            "device tokens", started, say, cancellation);
        var citizenTokens = citizens > 0 ? await enrolment.CitizensAsync(runId, citizens, cancellation) : [];
        var cast = new CeilingCast(fleet, map, categories, citizenTokens, real: true);

        say($"starting {options.Officers:N0} shifts with a first heartbeat each");
        using var beats = new LoadSender(client.Urls, 64, cast, LoadPath.Sigap, options.Seed);
        var firstBeat = setup.For(FirstBeat);
        var onShift = 0;

        // Officers on shift keep beating while the others enrol: enrolling 100,000 takes minutes, and an officer silent
        // past the city's offline threshold (90 s) is marked offline; its next heartbeat is then a return online, a
        // transition the engine saves before answering, so the measurement would begin with a storm of saves.
        var lastBeat = new long[fleet.Officers.Count];
        using var enrolled = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var keepAlive = KeepAliveAsync(fleet.Officers, lastBeat, beats, setup.For(KeepAliveBeat), enrolled.Token);
        try
        {
            await WithProgressAsync(fleet.Officers, async officer =>
            {
                var shift = await client.SendAsync<NoBody>(ShiftStart, HttpMethod.Post, "/api/me/shift/start", officer.Token, new { }, MonotonicClock.Now, cancellation);
                if (shift.Ok)
                {
                    officer.StartShift();
                    Interlocked.Increment(ref onShift);
                    await beats.SendAsync(new Arrival(officer.Index, MonotonicClock.Now), firstBeat, cancellation);
                    Volatile.Write(ref lastBeat[officer.Index], MonotonicClock.Now);
                }
            }, "shifts started", started, say, cancellation);
        }
        finally
        {
            await enrolled.CancelAsync();
            await keepAlive;
        }

        say($"setup done in {MonotonicClock.Since(started).TotalSeconds:F1} s; {onShift:N0} officers on shift");
        return onShift == fleet.Officers.Count ? cast
            : throw new InvalidOperationException($"only {onShift} of {fleet.Officers.Count} shifts started (see the setup errors)");
    }

    /// <summary>
    /// Until <paramref name="stop"/>, sends a heartbeat for every officer on shift whose last one is <see cref="KeepAliveEvery"/>
    /// old, the longest silent first, 64 at a time: a third of the default offline threshold, so no officer goes offline
    /// while the others enrol (with 16 at a time, 9,395 of 100,000 still did).
    /// </summary>
    private static async Task KeepAliveAsync(IReadOnlyList<SimOfficer> officers, long[] lastBeat, LoadSender beats, OperationStats stats, CancellationToken stop)
    {
        var due = new List<(long LastBeat, SimOfficer Officer)>();
        while (!stop.IsCancellationRequested)
        {
            due.Clear();
            var now = MonotonicClock.Now;
            foreach (var officer in officers)
            {
                var last = Volatile.Read(ref lastBeat[officer.Index]);
                if (last != 0 && MonotonicClock.Between(last, now) >= KeepAliveEvery)
                {
                    due.Add((last, officer));
                }
            }

            due.Sort((a, b) => a.LastBeat.CompareTo(b.LastBeat));

            try
            {
                await Enrolment.ForEachAsync(due, async entry =>
                {
                    await beats.SendAsync(new Arrival(entry.Officer.Index, MonotonicClock.Now), stats, CancellationToken.None);
                    Volatile.Write(ref lastBeat[entry.Officer.Index], MonotonicClock.Now);
                }, stop, parallel: 64);
                await Task.Delay(TimeSpan.FromSeconds(1), stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> for every officer, 64 at a time, saying how far it got every 5 s.</summary>
    private static async Task WithProgressAsync(IReadOnlyList<SimOfficer> officers, Func<SimOfficer, Task> action, string what, long started, Action<string> say, CancellationToken cancellation)
    {
        var done = 0;
        var all = Enrolment.ForEachAsync(officers, async officer =>
        {
            await action(officer);
            Interlocked.Increment(ref done);
        }, cancellation, parallel: 64);
        while (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(5), cancellation)) != all)
        {
            say($"  {what}: {Volatile.Read(ref done):N0} of {officers.Count:N0} after {MonotonicClock.Since(started).TotalSeconds:F0} s");
        }

        await all;
    }

    /// <summary>A cast for the no-op endpoint alone: the built-in city, made-up tokens and tracking ids of the real lengths.</summary>
    public static CeilingCast MadeUp(CeilingOptions options, int citizens)
    {
        var city = CityCatalog.LoadBuiltIn();
        var map = CityMap.Parse(ZoneMapFactory.BuiltIn().ToGeoJson());
        var dispatching = city.Agencies.Where(a => a.Dispatches).Select(a => a.Code).ToList();
        var categories = city.Categories.Where(c => dispatching.Contains(c.Agency, StringComparer.Ordinal))
            .Select(c => new CategoryInfo(c.Code, c.Agency, c.AckDeadlineSeconds, c.MaxRadiusMetres)).ToList();
        var fleet = new Fleet(map, dispatching, RunOptionsFor(options), "noop");
        foreach (var officer in fleet.Officers)
        {
            officer.Token = MadeUpToken(officer.Index);
            officer.TrackingDeviceId = "trk-" + officer.Index.ToString("D26", CultureInfo.InvariantCulture);
            officer.StartShift();
        }

        return new CeilingCast(fleet, map, categories, [.. Enumerable.Range(0, citizens).Select(i => MadeUpToken(-1 - i))], real: false);
    }

    /// <summary>Ends every shift (refused with 409 while an officer holds a report); returns how many were refused.</summary>
    public async Task<int> EndShiftsAsync(SiloClient client)
    {
        if (!Real)
        {
            return 0;
        }

        var holding = 0;
        await Enrolment.ForEachAsync(Fleet.Officers, async officer =>
        {
            var ended = await client.SendAsync<NoBody>(ShiftEnd, HttpMethod.Post, "/api/me/shift/end", officer.Token, new { }, MonotonicClock.Now, CancellationToken.None);
            if (ended.Status == System.Net.HttpStatusCode.Conflict)
            {
                Interlocked.Increment(ref holding);
            }

            officer.EndShift();
        }, CancellationToken.None, parallel: 64);
        return holding;
    }

    private static RunOptions RunOptionsFor(CeilingOptions options) => new()
    {
        Urls = options.Urls,
        Officers = options.Officers,
        Seed = options.Seed,
        OsmAndFraction = 0,
        HubFraction = 0,
        AdminUser = options.AdminUser,
        AdminPassword = options.AdminPassword,
    };

    private static string MadeUpToken(int index)
    {
        var seed = index.ToString("x8", CultureInfo.InvariantCulture);
        return string.Concat(Enumerable.Repeat(seed, (MadeUpTokenLength / seed.Length) + 1))[..MadeUpTokenLength];
    }

    private static async Task<T> GetAsync<T>(SiloClient client, string path, string token, CancellationToken cancellation)
    {
        var answer = await client.SendAsync<T>("setup: city data", HttpMethod.Get, path, token, null, MonotonicClock.Now, cancellation);
        return answer.Ok && answer.Value is { } value ? value : throw new InvalidOperationException($"GET {path} failed ({answer.ErrorKind}): {answer.Detail}");
    }
}
