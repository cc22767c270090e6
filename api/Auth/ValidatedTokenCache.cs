using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TangerangLive.Grains;

namespace TangerangLive.Api.Auth;

/// <summary>
/// A JWT handler that remembers the tokens it has already validated, keyed by the SHA-256 of the
/// token, until each one's expiry (plus the allowed clock skew). A phone heartbeating every 5 s
/// sends the same token for an hour: parsing it, decoding its claims and checking its signature on
/// every beat was 13 % of the heartbeat path's running time. A token is only ever remembered after
/// the full validation passed, the entry holds the claims (shared, never modified) and the validity
/// window, and a token past its expiry is validated again (and refused). Bounded: past
/// <c>capacity</c> tokens the table starts again.
/// </summary>
public sealed class ValidatedTokenCache(TimeProvider time, int capacity) : JsonWebTokenHandler
{
    private readonly ConcurrentDictionary<TokenKey, Entry> _valid = new();

    /// <summary>Tokens remembered now.</summary>
    public int Count => _valid.Count;

    /// <summary>
    /// The principal of a token validated before and not yet expired, without touching the JWT handler; false when
    /// the token is unknown or past its expiry (then the bearer handler validates it in full).
    /// </summary>
    public bool TryGetValidated(ReadOnlySpan<char> token, [NotNullWhen(true)] out ClaimsPrincipal? principal)
    {
        if (_valid.TryGetValue(TokenKey.Of(token), out var hit) && hit.Until > time.GetUtcNow().UtcDateTime)
        {
            principal = hit.Principal;
            return true;
        }

        principal = null;
        return false;
    }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var key = TokenKey.Of(token);
        var now = time.GetUtcNow().UtcDateTime;
        if (_valid.TryGetValue(key, out var hit))
        {
            if (hit.Until > now)
            {
                return Validated(hit, hit.Until - validationParameters.ClockSkew);
            }

            _valid.TryRemove(key, out _);
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result is not { IsValid: true, ClaimsIdentity: { } identity, SecurityToken: JsonWebToken jwt })
        {
            return result;
        }

        if (_valid.Count >= capacity)
        {
            _valid.Clear();
        }

        var entry = new Entry(new ClaimsPrincipal(Lean(identity)), SharedStrings.Get(jwt.Issuer), jwt.ValidFrom, jwt.ValidTo + validationParameters.ClockSkew);
        _valid[key] = entry;
        return Validated(entry, jwt.ValidTo);
    }

    /// <summary>
    /// The result the JWT bearer handler reads for a remembered token (a hub's access_token, or a request that bypassed
    /// <see cref="CachedBearerHandler"/>): its identity and validity window, built on this rarer path so that the
    /// entries the heartbeat path reads stay small.
    /// </summary>
    private static TokenValidationResult Validated(Entry entry, DateTime validTo) => new()
    {
        IsValid = true,
        ClaimsIdentity = (ClaimsIdentity)entry.Principal.Identity!,
        SecurityToken = new RememberedToken(string.Empty, entry.Issuer, entry.ValidFrom, validTo),
    };

    /// <summary>
    /// The identity with only the claims endpoints read (subject, name, role, officer id), each as a plain
    /// type and value: the handler's own identity keeps the whole parsed token and a property table per
    /// claim, about 4.5 KB per token where this keeps a few hundred bytes. Claim types and roles are the shared
    /// constants, not the strings parsed out of each token.
    /// </summary>
    private static ClaimsIdentity Lean(ClaimsIdentity identity) => new(
        identity.Claims.Where(c => KeptTypes.Contains(c.Type)).Select(c => new Claim(KeptTypes.First(t => t == c.Type), SharedValue(c))),
        identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType);

    private static string SharedValue(Claim claim) =>
        claim.Type == UserClaims.Role ? Roles.All.FirstOrDefault(r => r == claim.Value) ?? claim.Value : claim.Value;

    private static readonly string[] KeptTypes = [UserClaims.Subject, UserClaims.Name, UserClaims.Role, UserClaims.OfficerId];

    /// <summary>A validated token: the principal (of its lean identity) handed to every request that presents it
    /// (read-only: nothing in the application adds identities or claims to a request's user), its issuer and validity
    /// (until its expiry plus the clock skew). One per officer on shift, so kept to these four fields.</summary>
    private sealed record Entry(ClaimsPrincipal Principal, string Issuer, DateTime ValidFrom, DateTime Until);

    /// <summary>The SHA-256 of a token's characters: equal only for the same token.</summary>
    private readonly record struct TokenKey(ulong A, ulong B, ulong C, ulong D)
    {
        public static TokenKey Of(ReadOnlySpan<char> token)
        {
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(MemoryMarshal.AsBytes(token), hash);
            var words = MemoryMarshal.Cast<byte, ulong>(hash);
            return new TokenKey(words[0], words[1], words[2], words[3]);
        }
    }

    /// <summary>What the bearer handler reads of a validated token (its validity window), without the token's text.</summary>
    private sealed class RememberedToken(string id, string issuer, DateTime validFrom, DateTime validTo) : SecurityToken
    {
        public override string Id { get; } = id;

        public override string Issuer { get; } = issuer;

        public override SecurityKey? SecurityKey => null;

        public override SecurityKey? SigningKey { get; set; }

        public override DateTime ValidFrom { get; } = validFrom;

        public override DateTime ValidTo { get; } = validTo;

        public override string UnsafeToString() => $"validated token {Id}";
    }
}
