using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using TangerangLive.LoadTest.Core;

namespace TangerangLive.LoadTest.Run;

/// <summary>
/// The load tester's HTTP side: one <see cref="SocketsHttpHandler"/> for every simulated app (many
/// connections, so thousands of phones share a pool as they would share a load balancer), requests
/// spread round-robin over the silo URLs, each call timed into the named operation's stats.
/// </summary>
internal sealed class SiloClient : IDisposable
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);
    public static readonly JsonSerializerOptions Json = CreateJson();

    private readonly IReadOnlyList<Uri> _urls;
    private readonly StatsRegistry _stats;
    private readonly RawHttpPool[] _raw;
    private readonly byte[][] _hostLines;
    private long _next;

    public SiloClient(IReadOnlyList<Uri> urls, StatsRegistry stats, int maxConnectionsPerServer = 1024)
    {
        _urls = urls;
        _stats = stats;
        Handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnectionsPerServer,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.None,
        };
        Http = new HttpClient(Handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        _raw = [.. urls.Select(u => new RawHttpPool(u, maxConnectionsPerServer))];
        _hostLines = [.. urls.Select(HeartbeatRequests.HostLine)];
    }

    public SocketsHttpHandler Handler { get; }

    public HttpClient Http { get; }

    public IReadOnlyList<Uri> Urls => _urls;

    /// <summary>The next silo, round-robin, as a load balancer would pick it.</summary>
    public Uri NextBase() => _urls[(int)((ulong)Interlocked.Increment(ref _next) % (ulong)_urls.Count)];

    /// <summary>Sends a JSON body (or none) and reads a JSON answer, timed from <paramref name="intendedAt"/>.</summary>
    public Task<ApiResult<T>> SendAsync<T>(
        string operation, HttpMethod method, string path, string? token, object? body, long intendedAt, CancellationToken cancellation,
        Action<HttpRequestHeaders>? headers = null) =>
        SendAsync<T>(operation, baseUri =>
        {
            var request = new HttpRequestMessage(method, new Uri(baseUri, path));
            if (body is not null)
            {
                request.Content = JsonContent.Create(body, body.GetType(), options: Json);
            }

            Authorize(request, token);
            headers?.Invoke(request.Headers);
            return request;
        }, intendedAt, cancellation);

    /// <summary>
    /// Sends the request <paramref name="build"/> makes for the chosen silo and records the outcome; no
    /// answer within <paramref name="timeout"/> (default <see cref="RequestTimeout"/>) is a timeout.
    /// </summary>
    public async Task<ApiResult<T>> SendAsync<T>(string operation, Func<Uri, HttpRequestMessage> build, long intendedAt, CancellationToken cancellation, TimeSpan? timeout = null)
    {
        var stats = _stats.For(operation);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout ?? RequestTimeout);
        try
        {
            using var request = build(NextBase());
            using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token);
            if (response.IsSuccessStatusCode)
            {
                var value = typeof(T) == typeof(NoBody) || response.StatusCode == HttpStatusCode.NoContent
                    ? default
                    : await response.Content.ReadFromJsonAsync<T>(Json, deadline.Token);
                stats.Success(intendedAt);
                return ApiResult<T>.Success(response.StatusCode, value);
            }

            var kind = ErrorKind.Of(response.StatusCode);
            stats.Error(kind);
            var detail = await response.Content.ReadAsStringAsync(deadline.Token);
            return ApiResult<T>.Failure(response.StatusCode, kind, detail.Length > 400 ? detail[..400] : detail);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return ApiResult<T>.Failure(0, "cancelled", null);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or JsonException)
        {
            var kind = e is JsonException ? "bad-json" : ErrorKind.Of(e);
            stats.Error(kind);
            return ApiResult<T>.Failure(0, kind, e.Message);
        }
    }

    /// <summary>
    /// Sends a request that <paramref name="layout"/> writes as bytes (given the chosen server's Host line and
    /// a buffer of <see cref="HeartbeatRequests.MaxBytes"/>) on a raw keep-alive connection, for the
    /// high-rate paths (heartbeats) where HttpClient's own cost would cap the rate; only the status is read.
    /// </summary>
    public async Task<bool> SendRawAsync(string operation, Func<byte[], byte[], int> layout, long intendedAt, CancellationToken cancellation)
    {
        var stats = _stats.For(operation);
        var server = (int)((ulong)Interlocked.Increment(ref _next) % (ulong)_urls.Count);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(HeartbeatRequests.MaxBytes);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(RequestTimeout);
        try
        {
            var status = await _raw[server].SendAsync(buffer.AsMemory(0, layout(_hostLines[server], buffer)), deadline.Token);
            if (status is >= 200 and < 300)
            {
                stats.Success(intendedAt);
                return true;
            }

            stats.Error(ErrorKind.Of((HttpStatusCode)status));
            return false;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or OperationCanceledException)
        {
            stats.Error(e is OperationCanceledException ? "timeout" : "socket");
            return false;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static void Authorize(HttpRequestMessage request, string? token)
    {
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public void Dispose()
    {
        foreach (var pool in _raw)
        {
            pool.Dispose();
        }

        Http.Dispose();
        Handler.Dispose();
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
