using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TangerangLive.Api.Auth;

/// <summary>
/// A JWT handler that remembers the tokens it has already validated, keyed by the SHA-256 of the
/// token, until each one's expiry (plus the allowed clock skew). A phone heartbeating every 5 s
/// sends the same token for an hour: parsing it, decoding its claims and checking its signature on
/// every beat was 13 % of the heartbeat path's running time. A token is only ever remembered after
/// the full validation passed, the entry holds the claim values endpoints read and the validity
/// window (each request gets its own principal built from them), and a token past its expiry is validated again (and refused). Bounded: past
/// <c>capacity</c> tokens the table starts again.
/// </summary>
public sealed class ValidatedTokenCache(TimeProvider time, int capacity) : JsonWebTokenHandler
{
    private readonly ConcurrentDictionary<TokenKey, Entry> _valid = new();

    /// <summary>Tokens remembered now.</summary>
    public int Count => _valid.Count;

    /// <summary>
    /// The principal of a token validated before and not yet expired, without touching the JWT handler; false when
    /// the token is unknown or past its expiry (then the bearer handler validates it in full). The principal is built
    /// for this request from the remembered claim values (a few hundred bytes, on the general pipeline only).
    /// </summary>
    public bool TryGetValidated(ReadOnlySpan<char> token, [NotNullWhen(true)] out ClaimsPrincipal? principal)
    {
        principal = TryGet(token) is { } hit ? new ClaimsPrincipal(hit.Identity()) : null;
        return principal is not null;
    }

    /// <summary>
    /// The officer id of a token validated before and not yet expired whose role is officer (what the field
    /// endpoints' policy asks), without building a principal: the heartbeat fast path's check.
    /// </summary>
    public bool TryGetOfficer(ReadOnlySpan<char> token, [NotNullWhen(true)] out string? officerId)
    {
        officerId = TryGet(token) is { Role: Roles.Officer, OfficerId: { Length: > 0 } id } ? id : null;
        return officerId is not null;
    }

    private Entry? TryGet(ReadOnlySpan<char> token) =>
        _valid.TryGetValue(TokenKey.Of(token), out var hit) && hit.Until > time.GetUtcNow().UtcDateTime ? hit : null;

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

        var entry = Entry.Of(identity, Shape.Of(jwt.Issuer, identity), jwt.ValidFrom, jwt.ValidTo + validationParameters.ClockSkew);
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
        ClaimsIdentity = entry.Identity(),
        SecurityToken = new RememberedToken(string.Empty, entry.Shape.Issuer, entry.ValidFrom, validTo),
    };

    private static readonly string[] KeptTypes = [UserClaims.Subject, UserClaims.Name, UserClaims.Role, UserClaims.OfficerId];

    /// <summary>
    /// What the tokens of one issuer share: the issuer and how their identities read names and roles. One instance per
    /// combination (there is one in practice), so an entry holds a reference instead of four strings.
    /// </summary>
    private sealed record Shape(string Issuer, string? AuthenticationType, string NameClaimType, string RoleClaimType)
    {
        private static readonly ConcurrentDictionary<Shape, Shape> Known = new();

        public static Shape Of(string issuer, ClaimsIdentity identity)
        {
            var shape = new Shape(issuer, identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType);
            if (Known.TryGetValue(shape, out var known))
            {
                return known;
            }

            if (Known.Count >= 64)
            {
                return shape; // not one issuer's: do not grow the table
            }

            return Known.GetOrAdd(shape, shape);
        }
    }

    /// <summary>
    /// A validated token: only the claims endpoints read (subject, name, role, officer id) as plain values, the shared
    /// <see cref="Shape"/> and the validity (until its expiry plus the clock skew). One per officer on shift: a
    /// <see cref="ClaimsPrincipal"/> kept per token was about 620 B more per officer (four <see cref="Claim"/>s, the
    /// identity, the principal and their lists; silo gcdump, session 9), so the identity is built when asked for. The
    /// handler's own identity kept the whole parsed token and a property table per claim (about 4.5 KB). Claim types
    /// and roles are the shared constants, not the strings parsed out of each token. A token carrying one of these
    /// claims twice (not one this service issues) keeps its lean claims as they came, in <see cref="Others"/>.
    /// </summary>
    private sealed record Entry(string? Subject, string? Name, string? Role, string? OfficerId, Claim[]? Others, Shape Shape, DateTime ValidFrom, DateTime Until)
    {
        public static Entry Of(ClaimsIdentity identity, Shape shape, DateTime validFrom, DateTime until)
        {
            var values = new string?[KeptTypes.Length];
            var repeated = false;
            foreach (var claim in identity.Claims)
            {
                var kind = Array.IndexOf(KeptTypes, claim.Type);
                if (kind >= 0)
                {
                    repeated |= values[kind] is not null;
                    values[kind] = kind == 2 ? Roles.All.FirstOrDefault(r => r == claim.Value) ?? claim.Value : claim.Value;
                }
            }

            // A device token names the officer twice (name and officer id): keep one string for both.
            if (values[1] is { } name && values[3] is { } officer && string.Equals(name, officer, StringComparison.Ordinal))
            {
                values[1] = officer;
            }

            var others = repeated
                ? identity.Claims.Where(c => KeptTypes.Contains(c.Type)).Select(c => new Claim(KeptTypes.First(t => t == c.Type), c.Value)).ToArray()
                : null;
            return new Entry(values[0], values[1], repeated ? null : values[2], repeated ? null : values[3], others, shape, validFrom, until);
        }

        /// <summary>A new identity with the kept claims, in the order subject, name, role, officer id.</summary>
        public ClaimsIdentity Identity()
        {
            IEnumerable<Claim> claims = Others ?? (IEnumerable<Claim>)Claims();
            return new ClaimsIdentity(claims, Shape.AuthenticationType, Shape.NameClaimType, Shape.RoleClaimType);
        }

        private List<Claim> Claims()
        {
            var claims = new List<Claim>(KeptTypes.Length);
            Add(claims, UserClaims.Subject, Subject);
            Add(claims, UserClaims.Name, Name);
            Add(claims, UserClaims.Role, Role);
            Add(claims, UserClaims.OfficerId, OfficerId);
            return claims;
        }

        private static void Add(List<Claim> claims, string type, string? value)
        {
            if (value is not null)
            {
                claims.Add(new Claim(type, value));
            }
        }
    }

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
