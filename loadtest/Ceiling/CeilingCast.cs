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
        await WithProgressAsync(fleet.Officers, async officer =>
        {
            var shift = await client.SendAsync<NoBody>(ShiftStart, HttpMethod.Post, "/api/me/shift/start", officer.Token, new { }, MonotonicClock.Now, cancellation);
            if (shift.Ok)
            {
                officer.StartShift();
                Interlocked.Increment(ref onShift);
                await beats.SendAsync(new Arrival(officer.Index, MonotonicClock.Now), firstBeat, cancellation);
            }
        }, "shifts started", started, say, cancellation);
        say($"setup done in {MonotonicClock.Since(started).TotalSeconds:F1} s; {onShift:N0} officers on shift");
        return onShift == fleet.Officers.Count ? cast
            : throw new InvalidOperationException($"only {onShift} of {fleet.Officers.Count} shifts started (see the setup errors)");
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
