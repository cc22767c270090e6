using System.Net;
using TangerangLive.Grains.City;
using TangerangLive.LoadTest.Core;

namespace TangerangLive.LoadTest.Run;

/// <summary>
/// Citizens submitting reports at R per second (Poisson, open loop): categories weighted as a city's
/// complaints are, places spread over the kelurahan with a share around busy spots, some with a photo,
/// each with an Idempotency-Key that its retries (after a failure or a timeout) send again, as a phone
/// app on a weak network would.
/// </summary>
internal sealed class Citizens
{
    public const string Submit = "report submit";
    private const int MaxAttempts = 8;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(8);
    private const double HotspotShare = 0.3;
    private const double HotspotRadiusMetres = 150;

    /// <summary>Relative frequency of each category among citizens' reports; categories not listed get 1.</summary>
    private static readonly Dictionary<string, double> CategoryWeights = new(StringComparer.OrdinalIgnoreCase)
    {
        ["garbage"] = 20, ["damaged-road"] = 12, ["illegal-parking"] = 12, ["traffic-jam"] = 10, ["street-light"] = 10,
        ["blocked-drainage"] = 8, ["street-vendor"] = 8, ["fallen-tree"] = 6, ["security"] = 5, ["flood"] = 4,
        ["park-damage"] = 3, ["fire"] = 1, ["flood-emergency"] = 1,
    };

    private readonly SiloClient _client;
    private readonly RunLedger _ledger;
    private readonly RunOptions _options;
    private readonly CityMap _map;
    private readonly string[] _tokens;
    private readonly (CategoryInfo Category, double Cumulative)[] _categories;
    private readonly (double Lat, double Lon)[] _hotspots;
    private readonly Action<ReportTrack> _accepted;

    public Citizens(SiloClient client, RunLedger ledger, RunOptions options, CityMap map, IReadOnlyList<CategoryInfo> categories, string[] tokens, Action<ReportTrack> accepted)
    {
        (_client, _ledger, _options, _map, _tokens, _accepted) = (client, ledger, options, map, tokens, accepted);
        var total = 0.0;
        _categories = [.. categories.Select(c => (c, total += CategoryWeights.GetValueOrDefault(c.Code, 1)))];
        var random = new Random(options.Seed + 3);
        _hotspots = [.. Enumerable.Range(0, 25).Select(_ => map.RandomPoint(random))];
        Scheduler = new OpenLoopScheduler(options.ReportsPerSecond, ArrivalPattern.Poisson, options.Seed + 2);
    }

    public OpenLoopScheduler Scheduler { get; }

    public Task RunAsync(TimeSpan duration, CancellationToken cancellation) =>
        Scheduler.RunAsync(arrival => SubmitAsync(arrival, cancellation), duration, TimeSpan.FromSeconds(30), cancellation);

    private async Task SubmitAsync(Arrival arrival, CancellationToken cancellation)
    {
        RunCounters.Add(ref _ledger.Counters.Submitted);
        var random = SimRandom.Seed(_options.Seed + 7, arrival.Index);
        var pick = SimRandom.NextDouble(ref random) * _categories[^1].Cumulative;
        var category = _categories.First(c => pick < c.Cumulative).Category;
        var (lat, lon) = Place(ref random);
        var photos = SimRandom.NextDouble(ref random) < _options.PhotoFraction ? new[] { Convert.ToBase64String(ProofPhoto.Png((int)arrival.Index)) } : null;
        var key = new Guid((int)(random >> 32), (short)random, (short)(random >> 16), 0x4c, 0x54, (byte)arrival.Index, (byte)(arrival.Index >> 8),
            (byte)(arrival.Index >> 16), (byte)(arrival.Index >> 24), (byte)_options.Seed, (byte)(_options.Seed >> 8)).ToString();
        var body = new { category = category.Code, description = $"Load test report {arrival.Index}: {category.Code}", lat, lon, photos };
        var token = _tokens[arrival.Index % _tokens.Length];
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var answer = await _client.SendAsync<ReportAnswer>(Submit, HttpMethod.Post, "/api/reports", token, body, arrival.IntendedAt, cancellation,
                headers => headers.Add("Idempotency-Key", key));
            if (answer is { Ok: true, Value: { } accepted })
            {
                _accepted(_ledger.Accepted(accepted.Id, arrival.IntendedAt, accepted.Replayed, category.Code, category.Agency, lat, lon));
                return;
            }

            if (!Retryable(answer.Status) || cancellation.IsCancellationRequested)
            {
                RunCounters.Add(ref _ledger.Counters.Abandoned);
                return;
            }

            try
            {
                // As a phone does: the server's Retry-After when it gave one, else a doubling pause, at most 8 s (about 40 s in all).
                var pause = answer.RetryAfter ?? TimeSpan.FromSeconds(1 << (attempt - 1));
                await Task.Delay(pause < MaxBackoff ? pause : MaxBackoff, cancellation);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        RunCounters.Add(ref _ledger.Counters.Abandoned);
    }

    /// <summary>No answer, a timeout, too many requests or a server error: a phone tries again with the same key.</summary>
    private static bool Retryable(HttpStatusCode status) => status is 0 or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private (double Lat, double Lon) Place(ref ulong random)
    {
        if (SimRandom.NextDouble(ref random) >= HotspotShare)
        {
            var zone = _map.Zones[(int)(SimRandom.NextDouble(ref random) * _map.Zones.Count)];
            var seed = (int)(random >> 33);
            return CityMap.PointIn(zone, new Random(seed));
        }

        var (lat, lon) = _hotspots[(int)(SimRandom.NextDouble(ref random) * _hotspots.Length)];
        var metres = SimRandom.NextDouble(ref random) * HotspotRadiusMetres;
        var angle = SimRandom.NextDouble(ref random) * 2 * Math.PI;
        var (nearLat, nearLon) = (lat + (metres * Math.Cos(angle) / 111_320), lon + (metres * Math.Sin(angle) / (111_320 * Math.Cos(lat * Math.PI / 180))));
        return _map.Contains(nearLat, nearLon) && Geodesy.IsValid(nearLat, nearLon) ? (nearLat, nearLon) : (lat, lon);
    }
}
