using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TangerangLive.Api.Auth;

/// <summary>
/// Requests per minute (section "RateLimits"). Signed-in callers are counted per user (an officer per
/// officer id), OsmAnd pings per device id, and only anonymous callers per address, so hundreds of
/// officers behind one carrier or proxy address are never throttled for each other's traffic.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Report submissions (public intake) per signed-in user per minute.</summary>
    [Range(1, 1_000_000)]
    public int IntakePerMinute { get; set; } = 60;

    /// <summary>Sign-in and registration attempts per client address per minute.</summary>
    [Range(1, 1_000_000)]
    public int SignInPerMinute { get; set; } = 30;

    /// <summary>Tracking pings (OsmAnd) per device id per minute: one every 2 s, where apps send one every 5 s or more.</summary>
    [Range(1, 1_000_000)]
    public int TrackingPerMinute { get; set; } = 30;

    /// <summary>
    /// Tracking pings per client address per minute over all its devices (and pings naming no device in
    /// the query): 1 000 devices at a 5 s heartbeat behind one address, and a ceiling for a flood of made-up ids.
    /// </summary>
    [Range(1, 10_000_000)]
    public int TrackingPerAddressPerMinute { get; set; } = 12_000;
}

/// <summary>Fixed-window rate limits; a rejection is a 429 ProblemDetails with Retry-After.</summary>
public static class RateLimits
{
    public const string Intake = "intake";
    public const string SignIn = "sign-in";
    public const string Tracking = "tracking";

    public static WebApplicationBuilder AddTangerangRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(Intake, context => PerMinute(context, CallerKey(context), o => o.IntakePerMinute));
            options.AddPolicy(SignIn, context => PerMinute(context, AddressKey(context), o => o.SignInPerMinute));
            options.AddPolicy(Tracking, context => DeviceKey(context) is { } device
                ? PerMinute(context, device, o => o.TrackingPerMinute)
                : PerMinute(context, AddressKey(context), o => o.TrackingPerAddressPerMinute));

            // Every tracking ping also counts against its address, so made-up device ids cannot flood.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsTracking(context)
                ? PerMinute(context, AddressKey(context), o => o.TrackingPerAddressPerMinute)
                : RateLimitPartition.GetNoLimiter(string.Empty));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var http = rejected.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = "Too many requests from this caller; try again shortly.",
                    },
                });
            };
        });
        return builder;
    }

    /// <summary>The signed-in user (an officer by officer id), or the address for anonymous callers.</summary>
    public static string CallerKey(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && context.User.FindFirstValue(UserClaims.Subject) is { } subject
            ? context.User.OfficerIdOf() is { } officerId ? "officer:" + officerId : "user:" + subject
            : AddressKey(context);

    /// <summary>The client address: the socket's, or the forwarded one when a configured proxy sent the request.</summary>
    public static string AddressKey(HttpContext context) => "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    /// <summary>An OsmAnd ping's device id from the query (the form body is not read before the limit).</summary>
    private static string? DeviceKey(HttpContext context) =>
        (context.Request.Query.TryGetValue("id", out var id) || context.Request.Query.TryGetValue("deviceid", out id)) && id is [{ Length: > 0 and <= 64 } device]
            ? "device:" + device
            : null;

    private static bool IsTracking(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == Tracking;

    private static RateLimitPartition<string> PerMinute(HttpContext context, string key, Func<RateLimitOptions, int> permits)
    {
        var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        return RateLimitPartition.GetFixedWindowLimiter(
            key,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits(limits), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
    }
}
