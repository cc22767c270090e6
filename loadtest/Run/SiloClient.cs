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

    private readonly StatsRegistry _stats;
    private readonly Dictionary<Uri, (RawHttpPool Pool, byte[] Host)> _raw;
    private Uri[] _urls;
    private long _next;
    private long _serverErrors;
    private long _unavailable;
    private long _unavailableWithoutRetryAfter;

    public SiloClient(IReadOnlyList<Uri> urls, StatsRegistry stats, int maxConnectionsPerServer = 1024)
    {
        _urls = [.. urls];
        _stats = stats;
        Handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnectionsPerServer,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.None,
        };
        Http = new HttpClient(Handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        _raw = urls.Distinct().ToDictionary(u => u, u => (new RawHttpPool(u, maxConnectionsPerServer), HeartbeatRequests.HostLine(u)));
    }

    public SocketsHttpHandler Handler { get; }

    public HttpClient Http { get; }

    /// <summary>The silos requests go to: the --url list without those marked down.</summary>
    public IReadOnlyList<Uri> Urls => Volatile.Read(ref _urls);

    /// <summary>Answers 500-599 other than 503 (a failing silo must answer 503 with Retry-After instead).</summary>
    public long ServerErrors => Interlocked.Read(ref _serverErrors);

    public long Unavailable => Interlocked.Read(ref _unavailable);

    public long UnavailableWithoutRetryAfter => Interlocked.Read(ref _unavailableWithoutRetryAfter);

    /// <summary>The next silo, round-robin, as a load balancer would pick it.</summary>
    public Uri NextBase()
    {
        var urls = Volatile.Read(ref _urls);
        return urls[(int)((ulong)Interlocked.Increment(ref _next) % (ulong)urls.Length)];
    }

    /// <summary>A load balancer's health check found the silo dead: no more requests go to it (at least one silo is kept).</summary>
    public void MarkDown(Uri url)
    {
        var left = Volatile.Read(ref _urls).Where(u => u != url).ToArray();
        if (left.Length > 0)
        {
            Volatile.Write(ref _urls, left);
        }
    }

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
            Count(response);
            var detail = await response.Content.ReadAsStringAsync(deadline.Token);
            return ApiResult<T>.Failure(response.StatusCode, kind, detail.Length > 400 ? detail[..400] : detail, response.Headers.RetryAfter?.Delta);
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
        var (pool, host) = _raw[NextBase()];
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(HeartbeatRequests.MaxBytes);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(RequestTimeout);
        try
        {
            var answer = await pool.SendAsync(buffer.AsMemory(0, layout(host, buffer)), deadline.Token);
            var status = answer.Status;
            Count(status, answer.RetryAfter);
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

    private void Count(HttpResponseMessage response) => Count((int)response.StatusCode, response.Headers.RetryAfter is not null);

    private void Count(int status, bool retryAfter)
    {
        if (status == (int)HttpStatusCode.ServiceUnavailable)
        {
            Interlocked.Increment(ref _unavailable);
            if (!retryAfter)
            {
                Interlocked.Increment(ref _unavailableWithoutRetryAfter);
            }
        }
        else if (status >= 500)
        {
            Interlocked.Increment(ref _serverErrors);
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
        foreach (var (pool, _) in _raw.Values)
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
