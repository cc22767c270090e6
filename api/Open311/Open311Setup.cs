using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TangerangLive.Api.Auth;

namespace TangerangLive.Api.Open311;

/// <summary>The Open311 server's options, stores and its rate limit for anonymous reads.</summary>
public static class Open311Setup
{
    /// <summary>Anonymous GETs, counted per client address.</summary>
    public const string ReadPolicy = "open311-read";

    public static WebApplicationBuilder AddOpen311(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<Open311Options>().BindConfiguration(Open311Options.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Open311KeyStore>();
        builder.Services.AddSingleton<Open311Queries>();
        builder.Services.Configure<RateLimiterOptions>(options => options.AddPolicy(ReadPolicy, context =>
        {
            var limits = context.RequestServices.GetRequiredService<IOptions<Open311Options>>().Value;
            return RateLimitPartition.GetFixedWindowLimiter(
                RateLimits.AddressKey(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.ReadsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
        }));
        return builder;
    }
}
