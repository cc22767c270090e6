using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using TangerangLive.LoadTest.Core;
using TangerangLive.LoadTest.Run;

namespace TangerangLive.LoadTest.Ceiling;

/// <summary>
/// Sends one arrival of a ramp step as the app sends it: arrival i goes out for officer i mod N (or
/// citizen i mod C), to the next base address (round-robin over the silos, or the no-op endpoint),
/// with the same headers and body shape whatever the target, so the no-op figure and the engine's
/// figure compare the same client work. The officer moves a little between beats (walking or
/// motorbike speed over the time since their last beat), so positions stay plausible.
/// Latency runs from the arrival's intended send time; a request still open when the step's drain
/// ends is cancelled and counted as <see cref="Unfinished"/>.
/// </summary>
internal sealed class LoadSender(HttpClient http, IReadOnlyList<Uri> bases, CeilingCast cast, LoadPath path, int seed)
{
    public const string Unfinished = "unfinished";
    private const double KnotsPerMetreSecond = 1.943_844;
    private readonly Uri[] _heartbeat = [.. bases.Select(b => new Uri(b, "/api/me/heartbeat"))];
    private readonly Uri[] _reports = [.. bases.Select(b => new Uri(b, "/api/reports"))];
    private long _next;

    public LoadPath Path { get; } = path;

    /// <summary>Sends arrival <paramref name="arrival"/> and records its outcome in <paramref name="stats"/>; never throws.</summary>
    public async Task SendAsync(Arrival arrival, OperationStats stats, CancellationToken stepEnd)
    {
        try
        {
            using var request = Build(arrival.Index);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, stepEnd);
            if (response.IsSuccessStatusCode)
            {
                stats.Success(arrival.IntendedAt);
            }
            else
            {
                stats.Error(ErrorKind.Of(response.StatusCode));
            }
        }
        catch (OperationCanceledException) when (stepEnd.IsCancellationRequested)
        {
            stats.Error(Unfinished);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            stats.Error(ErrorKind.Of(e));
        }
    }

    private HttpRequestMessage Build(long index) => Path switch
    {
        LoadPath.Sigap => Heartbeat(cast.Fleet.Officers[(int)(index % cast.Fleet.Officers.Count)]),
        LoadPath.OsmAnd => OsmAnd(cast.Fleet.Officers[(int)(index % cast.Fleet.Officers.Count)]),
        _ => Report(index),
    };

    private HttpRequestMessage Heartbeat(SimOfficer officer)
    {
        var (lat, lon) = Move(officer);
        var body = string.Create(CultureInfo.InvariantCulture,
            $$"""{"lat":{{lat:R}},"lon":{{lon:R}},"deviceTime":"{{DateTimeOffset.UtcNow:O}}","accuracy":{{5 + (officer.Index % 10)}},"speed":{{officer.Speed * 3.6:R}},"battery":{{Math.Round(officer.Battery):R}}}""");
        var request = new HttpRequestMessage(HttpMethod.Post, _heartbeat[NextBase()]) { Content = Json(body) };
        request.Headers.TryAddWithoutValidation("Authorization", cast.Bearers[officer.Index]);
        return request;
    }

    private HttpRequestMessage OsmAnd(SimOfficer officer)
    {
        var (lat, lon) = Move(officer);
        var query = string.Create(CultureInfo.InvariantCulture,
            $"/osmand?id={officer.TrackingDeviceId}&lat={lat:F6}&lon={lon:F6}&timestamp={DateTimeOffset.UtcNow.ToUnixTimeSeconds()}&speed={officer.Speed * KnotsPerMetreSecond:F1}&accuracy={8 + (officer.Index % 10)}&batt={officer.Battery:F0}");
        return new HttpRequestMessage(HttpMethod.Get, new Uri(bases[NextBase()], query));
    }

    private HttpRequestMessage Report(long index)
    {
        var random = SimRandom.Seed(seed + 7, index);
        var category = cast.Categories[(int)(SimRandom.NextDouble(ref random) * cast.Categories.Count)];
        var zone = cast.Map.Zones[(int)(SimRandom.NextDouble(ref random) * cast.Map.Zones.Count)];
        var (lat, lon) = CityMap.PointIn(zone, new Random((int)(random >> 33)));
        var body = string.Create(CultureInfo.InvariantCulture,
            $$"""{"category":"{{category.Code}}","description":"Load test report {{index}}: {{category.Code}}","lat":{{lat:R}},"lon":{{lon:R}},"photos":null}""");
        var request = new HttpRequestMessage(HttpMethod.Post, _reports[NextBase()]) { Content = Json(body) };
        request.Headers.TryAddWithoutValidation("Authorization", cast.CitizenBearers[(int)(index % cast.CitizenBearers.Length)]);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
        return request;
    }

    /// <summary>The next base address, round-robin, as a load balancer would pick it.</summary>
    private int NextBase() => (int)((ulong)Interlocked.Increment(ref _next) % (ulong)bases.Count);

    /// <summary>Moves the officer towards their destination for the time since their last beat; picks a new one on arrival.</summary>
    private (double Lat, double Lon) Move(SimOfficer officer)
    {
        lock (officer.Gate)
        {
            if (officer.Move(MonotonicClock.Now))
            {
                cast.Fleet.NextDestination(officer);
            }

            return (officer.Lat, officer.Lon);
        }
    }

    private static ByteArrayContent Json(string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json", "utf-8");
        return content;
    }
}
