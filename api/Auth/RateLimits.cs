using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TangerangLive.Api.Auth;

/// <summary>Requests per minute per client address (section "RateLimits").</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Report submissions (public intake) per address per minute.</summary>
    [Range(1, 1_000_000)]
    public int IntakePerMinute { get; set; } = 60;

    /// <summary>Sign-in and registration attempts per address per minute.</summary>
    [Range(1, 1_000_000)]
    public int SignInPerMinute { get; set; } = 30;

    /// <summary>Tracking pings (OsmAnd) per address per minute.</summary>
    [Range(1, 1_000_000)]
    public int TrackingPerMinute { get; set; } = 600;
}

/// <summary>Fixed-window rate limits per client address; a rejection is a 429 ProblemDetails.</summary>
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
            options.AddPolicy(Intake, context => PerAddress(context, o => o.IntakePerMinute));
            options.AddPolicy(SignIn, context => PerAddress(context, o => o.SignInPerMinute));
            options.AddPolicy(Tracking, context => PerAddress(context, o => o.TrackingPerMinute));
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
                        Detail = "This address sent too many requests; try again shortly.",
                    },
                });
            };
        });
        return builder;
    }

    private static RateLimitPartition<string> PerAddress(HttpContext context, Func<RateLimitOptions, int> permits)
    {
        var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        return RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits(limits), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
    }
}
