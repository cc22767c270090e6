using System.Buffers;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Unicode;
using TangerangLive.LoadTest.Core;
using TangerangLive.LoadTest.Run;

namespace TangerangLive.LoadTest.Ceiling;

/// <summary>
/// Sends one arrival of a ramp step as the app sends it: arrival i goes out for officer i mod N (or
/// citizen i mod C), to the next base address (round-robin over the silos, or the no-op endpoint),
/// with the same headers and body shape whatever the target, so the no-op figure and the engine's
/// figure compare the same client work. The officer moves a little between beats (walking or
/// motorbike speed over the time since their last beat), so positions stay plausible.
/// Requests are laid out in bytes and sent on keep-alive connections of a <see cref="RawHttpPool"/>
/// per server (at most <c>connections</c> each): the client's cost per request is a few microseconds,
/// so the ceiling is the server's. Latency runs from the arrival's intended send time; a request
/// still open when the step's drain ends is cancelled and counted as <see cref="Unfinished"/>.
/// </summary>
internal sealed class LoadSender : IDisposable
{
    public const string Unfinished = "unfinished";
    private readonly RawHttpPool[] _pools;
    private readonly byte[][] _hosts;
    private readonly CeilingCast _cast;
    private readonly int _seed;
    private readonly Lazy<byte[][]> _officerAuthorization;
    private readonly Lazy<byte[][]> _citizenAuthorization;
    private readonly HubLinks? _hubLinks;
    private long _next;

    public LoadSender(IReadOnlyList<Uri> bases, int connections, CeilingCast cast, LoadPath path, int seed)
    {
        _pools = [.. bases.Select(b => new RawHttpPool(b, connections))];
        _hosts = [.. bases.Select(HeartbeatRequests.HostLine)];
        (_cast, _seed, Path) = (cast, seed, path);
        _officerAuthorization = new(() => [.. cast.Fleet.Officers.Select(o => HeartbeatRequests.BearerLine(o.Token ?? string.Empty))]);
        _citizenAuthorization = new(() => [.. cast.CitizenTokens.Select(HeartbeatRequests.BearerLine)]);
        _hubLinks = path == LoadPath.Hub ? new HubLinks(bases, cast) : null;
    }

    public LoadPath Path { get; }

    /// <summary>Opens what the path needs before it is measured: every officer's hub connection for the hub path.</summary>
    public Task PrepareAsync(Action<string> say, CancellationToken cancellation) =>
        _hubLinks?.OpenAllAsync(say, cancellation) ?? Task.CompletedTask;

    /// <summary>Sends arrival <paramref name="arrival"/> and records its outcome in <paramref name="stats"/>; never throws.</summary>
    public async Task SendAsync(Arrival arrival, OperationStats stats, CancellationToken stepEnd)
    {
        if (_hubLinks is not null)
        {
            await SendOnHubAsync(_hubLinks, arrival, stats, stepEnd);
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(HeartbeatRequests.MaxBytes);
        try
        {
            var server = NextBase();
            var length = Build(arrival.Index, server, buffer);
            var status = (await _pools[server].SendAsync(buffer.AsMemory(0, length), stepEnd)).Status;
            if (status is >= 200 and < 300)
            {
                stats.Success(arrival.IntendedAt);
            }
            else
            {
                stats.Error(ErrorKind.Of((System.Net.HttpStatusCode)status));
            }
        }
        catch (OperationCanceledException) when (stepEnd.IsCancellationRequested)
        {
            stats.Error(Unfinished);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            stats.Error(e is SocketException { SocketErrorCode: SocketError.ConnectionRefused } ? "connection-refused" : "socket");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose()
    {
        _hubLinks?.Dispose();
        foreach (var pool in _pools)
        {
            pool.Dispose();
        }
    }

    /// <summary>The arrival's officer sends the heartbeat on their hub connection; a refusal or a hub error counts as an error.</summary>
    private async Task SendOnHubAsync(HubLinks links, Arrival arrival, OperationStats stats, CancellationToken stepEnd)
    {
        var officer = _cast.Fleet.Officers[(int)(arrival.Index % _cast.Fleet.Officers.Count)];
        var buffer = ArrayPool<byte>.Shared.Rent(HeartbeatRequests.MaxBytes);
        try
        {
            var link = await links.LinkAsync(officer, stepEnd);
            var (lat, lon) = Move(officer);
            var id = link.NextId();
            var length = HeartbeatRequests.HubHeartbeat(buffer, id, officer, lat, lon);
            var answer = await link.InvokeAsync(id, buffer.AsMemory(0, length), stepEnd);
            if (answer.Ok)
            {
                stats.Success(arrival.IntendedAt);
            }
            else
            {
                stats.Error(answer.Error is null ? "hub-refused" : "hub-error");
            }
        }
        catch (OperationCanceledException) when (stepEnd.IsCancellationRequested)
        {
            stats.Error(Unfinished);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or System.Net.WebSockets.WebSocketException)
        {
            stats.Error("socket");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private int Build(long index, int server, byte[] buffer) => Path switch
    {
        LoadPath.Sigap => Heartbeat(_cast.Fleet.Officers[(int)(index % _cast.Fleet.Officers.Count)], server, buffer),
        LoadPath.OsmAnd => OsmAnd(_cast.Fleet.Officers[(int)(index % _cast.Fleet.Officers.Count)], server, buffer),
        _ => Report(index, server, buffer),
    };

    private int Heartbeat(SimOfficer officer, int server, byte[] buffer)
    {
        var (lat, lon) = Move(officer);
        return HeartbeatRequests.Sigap(buffer, _hosts[server], _officerAuthorization.Value[officer.Index], officer, lat, lon);
    }

    private int OsmAnd(SimOfficer officer, int server, byte[] buffer)
    {
        var (lat, lon) = Move(officer);
        return HeartbeatRequests.OsmAnd(buffer, _hosts[server], officer, lat, lon);
    }

    private int Report(long index, int server, byte[] buffer)
    {
        var random = SimRandom.Seed(_seed + 7, index);
        var category = _cast.Categories[(int)(SimRandom.NextDouble(ref random) * _cast.Categories.Count)];
        var zone = _cast.Map.Zones[(int)(SimRandom.NextDouble(ref random) * _cast.Map.Zones.Count)];
        var (lat, lon) = CityMap.PointIn(zone, new Random((int)(random >> 33)));
        Span<byte> body = stackalloc byte[512];
        HeartbeatRequests.Check(Utf8.TryWrite(body, CultureInfo.InvariantCulture,
            $$"""{"category":"{{category.Code}}","description":"Load test report {{index}}: {{category.Code}}","lat":{{lat:R}},"lon":{{lon:R}},"photos":null}""",
            out var bodyLength));
        Span<byte> key = stackalloc byte[64];
        HeartbeatRequests.Check(Utf8.TryWrite(key, CultureInfo.InvariantCulture, $"Idempotency-Key: {Guid.NewGuid()}\r\n", out var keyLength));
        var bearers = _citizenAuthorization.Value;
        return HeartbeatRequests.JsonPost(buffer, "/api/reports"u8, _hosts[server], bearers[(int)(index % bearers.Length)], key[..keyLength], body[..bodyLength]);
    }

    /// <summary>The next base address, round-robin, as a load balancer would pick it.</summary>
    private int NextBase() => (int)((ulong)Interlocked.Increment(ref _next) % (ulong)_pools.Length);

    /// <summary>Moves the officer towards their destination for the time since their last beat; picks a new one on arrival.</summary>
    private (double Lat, double Lon) Move(SimOfficer officer)
    {
        lock (officer.Gate)
        {
            if (officer.Move(MonotonicClock.Now))
            {
                _cast.Fleet.NextDestination(officer);
            }

            return (officer.Lat, officer.Lon);
        }
    }
}
