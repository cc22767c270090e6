using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;

namespace TangerangLive.Api.Auth;

/// <summary>
/// The default authentication scheme: a request whose <c>Authorization: Bearer</c> token was validated before (and
/// has not expired) gets that token's principal straight from <see cref="ValidatedTokenCache"/>; every other request
/// (a new or expired token, a hub's access_token, the dashboard's cookie, no token) goes to the JWT bearer handler,
/// which validates in full and fills the cache. Challenges and forbids are the bearer handler's. A phone sends the
/// same token with every heartbeat for an hour: the bearer handler's per-request work (cloning its validation
/// parameters, a ticket with issued/expires properties, its logger) was about 14 % of the heartbeat path's
/// allocations even with the cache behind it. Deliberately not an <see cref="AuthenticationHandler{TOptions}"/>:
/// this one is created per request and needs nothing but the cache.
/// </summary>
public sealed class CachedBearerHandler(ValidatedTokenCache cache) : IAuthenticationHandler
{
    public const string SchemeName = "TangerangBearer";
    private const string Prefix = "Bearer ";
    private HttpContext _context = null!;
    private AuthenticationScheme _scheme = null!;

    public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
    {
        (_scheme, _context) = (scheme, context);
        return Task.CompletedTask;
    }

    public Task<AuthenticateResult> AuthenticateAsync() =>
        TryCached(_context.Request, cache, out var principal)
            ? Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, _scheme.Name)))
            : _context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);

    /// <summary>The principal of the request's one <c>Authorization: Bearer</c> token when it was validated before and has not expired.</summary>
    public static bool TryCached(HttpRequest request, ValidatedTokenCache cache, [NotNullWhen(true)] out ClaimsPrincipal? principal)
    {
        principal = null;
        return TryBearer(request, out var token) && cache.TryGetValidated(token, out principal);
    }

    /// <summary>
    /// The officer id of the request's one <c>Authorization: Bearer</c> token when it was validated before, has not
    /// expired and is an officer's (the field endpoints' policy), without building its principal.
    /// </summary>
    public static bool TryCachedOfficer(HttpRequest request, ValidatedTokenCache cache, [NotNullWhen(true)] out string? officerId)
    {
        officerId = null;
        return TryBearer(request, out var token) && cache.TryGetOfficer(token, out officerId);
    }

    private static bool TryBearer(HttpRequest request, out ReadOnlySpan<char> token)
    {
        var header = request.Headers.Authorization;
        if (header.Count == 1 && header[0] is { } value && value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            token = value.AsSpan(Prefix.Length).Trim();
            return true;
        }

        token = default;
        return false;
    }

    public Task ChallengeAsync(AuthenticationProperties? properties) => _context.ChallengeAsync(JwtBearerDefaults.AuthenticationScheme, properties);

    public Task ForbidAsync(AuthenticationProperties? properties) => _context.ForbidAsync(JwtBearerDefaults.AuthenticationScheme, properties);
}
