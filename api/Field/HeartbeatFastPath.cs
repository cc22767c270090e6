using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using TangerangLive.Api.Auth;
using TangerangLive.Api.Observability;
using TangerangLive.Grains.Dispatch;

namespace TangerangLive.Api.Field;

/// <summary>
/// <c>POST /api/me/heartbeat</c> in the common case, answered before the general middleware: a phone's position with
/// a bearer token validated before (<see cref="ValidatedTokenCache"/>, as <see cref="CachedBearerHandler"/> takes it),
/// an officer's token, a JSON body with a Content-Length under the endpoint's limit (a chunked body goes the general way). It then does what the endpoint
/// does (<see cref="HeartbeatIntake"/>, the same results, problems included) without the authentication,
/// authorization and rate-limiting middleware, endpoint binding and their allocations: profiled at 10,000
/// heartbeats a second, the middleware and binding around the grain call were most of the request's allocations, and
/// the collector they fed was the silo's largest cost. Every other request, and any heartbeat this path is not sure
/// of (no or unknown token, another role, a body it cannot read as one position), goes down the general pipeline
/// unchanged, with its body put back, so errors are answered exactly as before. The endpoint's authorization
/// (officer role and officer id, <see cref="ValidatedTokenCache.TryGetOfficer"/>) is checked here the same way; the endpoint has no rate limit of its own.
/// </summary>
public sealed class HeartbeatFastPath(
    RequestDelegate next,
    ValidatedTokenCache tokens,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    IGrainFactory grains,
    TimeProvider time,
    EngineMetrics metrics,
    IOptions<DispatchTimingOptions> timing)
{
    public const string Path = "/api/me/heartbeat";

    /// <summary>The endpoint's body limit (<c>WithBodyLimit(64 * 1024)</c> in <see cref="FieldApi"/>).</summary>
    public const int MaxBody = 64 * 1024;

    private readonly JsonSerializerOptions _json = json.Value.SerializerOptions;

    private readonly DispatchTimingOptions _timing = timing.Value;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase)
            || request.ContentLength is not (> 0 and <= MaxBody) || !IsJson(request.ContentType) || !CachedBearerHandler.TryCachedOfficer(request, tokens, out var officerId))
        {
            await next(context);
            return;
        }

        var length = (int)request.ContentLength.Value;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var read = await ReadBodyAsync(request, buffer, length, context.RequestAborted);
            var position = read == length ? Parse(buffer.AsSpan(0, length)) : null;
            if (position is null)
            {
                // Not one position this path is sure of: the endpoint answers, from the same bytes.
                request.Body = new MemoryStream(buffer, 0, read, writable: false);
                await next(context);
                return;
            }

            // context.User stays anonymous: nothing after this point reads it (the request log does not), and building
            // the officer's principal per heartbeat is what the token cache's compact entries avoid.
            metrics.HeartbeatOnFastPath();
            var outcome = await HeartbeatIntake.ReportAsync(grains, _timing, officerId, [position], position.OfficerId, time.GetUtcNow(), metrics, single: true);
            await FieldApi.ToResult(outcome).ExecuteAsync(context);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private HeartbeatRequest? Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize<HeartbeatRequest>(body, _json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<int> ReadBodyAsync(HttpRequest request, byte[] buffer, int length, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < length)
        {
            var n = await request.Body.ReadAsync(buffer.AsMemory(read, length - read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read;
    }

    /// <summary>application/json or a +json type, with or without parameters (what the endpoint accepts).</summary>
    private static bool IsJson(string? contentType)
    {
        if (contentType is null)
        {
            return false;
        }

        var type = contentType.AsSpan();
        var semicolon = type.IndexOf(';');
        type = (semicolon >= 0 ? type[..semicolon] : type).Trim();
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>Registers <see cref="HeartbeatFastPath"/>.</summary>
public static class HeartbeatFastPathExtensions
{
    public static IApplicationBuilder UseHeartbeatFastPath(this IApplicationBuilder app) => app.UseMiddleware<HeartbeatFastPath>();
}
