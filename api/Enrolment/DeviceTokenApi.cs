using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TangerangLive.Api.Auth;
using TangerangLive.Api.Problems;
using TangerangLive.Grains.Officers;

namespace TangerangLive.Api.Enrolment;

/// <summary>The SIGAP app's credential exchange: a device credential in, a short officer access token out.</summary>
public static class DeviceTokenApi
{
    public const string RateLimit = "device-token";
    private const string Scheme = "Device ";

    /// <summary>Exchanges per credential (header form) or per address (body form) per minute.</summary>
    public const int ExchangesPerMinute = 30;

    public static WebApplicationBuilder AddDeviceTokens(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DeviceCredentialStore>();
        builder.Services.Configure<RateLimiterOptions>(o => o.AddPolicy(RateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
            PartitionOf(context.Request),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = ExchangesPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
        return builder;
    }

    public static IEndpointRouteBuilder MapDeviceTokenApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/auth/device-token", Exchange).WithTags("Auth").AllowAnonymous().RequireRateLimiting(RateLimit).WithBodyLimit(4 * 1024);
        var admin = routes.MapGroup("/api/admin/officers/{officerId}/credentials").WithTags("Admin: roster").RequireAuthorization(Policies.Admin);
        admin.MapPost("/", Issue);
        admin.MapDelete("/", Revoke);
        return routes;
    }

    /// <summary>
    /// Send the credential as "Authorization: Device tlc_..." (limited per credential) or as {"credential": "..."}
    /// (limited per address). Revoked credentials and deactivated officers get 401.
    /// </summary>
    private static async Task<Results<Ok<IssuedToken>, ValidationProblem, ProblemHttpResult>> Exchange(
        HttpRequest request, DeviceCredentialStore credentials, TokenIssuer tokens, IOptions<AuthOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var text = HeaderCredential(request);
        if (text is null && request.HasJsonContentType())
        {
            var body = await request.ReadFromJsonAsync<DeviceTokenRequest>(cancellationToken);
            text = body?.Credential;
        }

        if (!DeviceCredential.TryParse(text, out var credential))
        {
            return CommandProblems.Invalid("credential", "A device credential (tlc_...) is required, in the Authorization header as 'Device tlc_...' or as {\"credential\": \"...\"}.");
        }

        if (await credentials.VerifyAsync(credential, cancellationToken) is not { } officerId)
        {
            return TypedResults.Problem("Unknown or revoked device credential, or the officer is deactivated.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
        }

        var account = new UserAccount("device-" + credential.CredentialId, officerId, string.Empty, Roles.Officer, officerId, time.GetUtcNow());
        return TypedResults.Ok(tokens.Issue(account, TimeSpan.FromMinutes(options.Value.DeviceTokenLifetimeMinutes)));
    }

    private static async Task<Results<Ok<IssuedCredential>, ProblemHttpResult>> Issue(string officerId, DeviceCredentialStore credentials, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!OfficerKey.IsValidId(officerId) || await grains.Officer(officerId).GetAsync() is null)
        {
            return CommandProblems.NotFound("officer on the roster");
        }

        var credential = await credentials.IssueAsync(officerId, cancellationToken);
        return TypedResults.Ok(new IssuedCredential(officerId, credential.Text));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(string officerId, DeviceCredentialStore credentials, CancellationToken cancellationToken)
    {
        if (!OfficerKey.IsValidId(officerId))
        {
            return CommandProblems.NotFound("officer");
        }

        await credentials.RevokeAllAsync(officerId, cancellationToken);
        return TypedResults.NoContent();
    }

    private static string? HeaderCredential(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { } header && header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? header[Scheme.Length..].Trim()
            : null;

    private static string PartitionOf(HttpRequest request) =>
        DeviceCredential.TryParse(HeaderCredential(request), out var credential)
            ? "credential:" + credential.CredentialId
            : "address:" + (request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}

/// <summary>The body form of a credential exchange.</summary>
public sealed record DeviceTokenRequest(string? Credential);

/// <summary>A new device credential, shown once.</summary>
public sealed record IssuedCredential(string OfficerId, string DeviceCredential);
