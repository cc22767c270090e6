using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TangerangLive.Api.Auth;

namespace TangerangLive.Tests.Api;

/// <summary>The bearer tokens' validation cache: what it remembers, what it refuses, and when it forgets.</summary>
public sealed class ValidatedTokenCacheTests
{
    private static readonly SymmetricSecurityKey Key = new(Encoding.UTF8.GetBytes("a-test-signing-key-of-at-least-32-bytes!"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_token_is_verified_once_and_then_served_with_only_the_claims_endpoints_read()
    {
        var cache = new ValidatedTokenCache(_time, capacity: 100);
        var token = Issue("officer-7", TimeSpan.FromHours(1));

        var first = await cache.ValidateTokenAsync(token, Parameters());
        var second = await cache.ValidateTokenAsync(token, Parameters());

        Assert.True(first.IsValid);
        Assert.True(second.IsValid);
        Assert.Equal(1, cache.Count);
        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity); // each caller gets its own, built from the entry
        var claims = second.ClaimsIdentity.Claims.Select(c => (c.Type, c.Value)).OrderBy(c => c.Type, StringComparer.Ordinal).ToList();
        Assert.Equal([("name", "dishub-7"), ("officer_id", "officer-7"), ("role", "officer"), ("sub", "u-7")], claims);
        Assert.Equal(_time.GetUtcNow().UtcDateTime.AddHours(1), second.SecurityToken.ValidTo, TimeSpan.FromSeconds(1));
        Assert.True(new ClaimsPrincipal(second.ClaimsIdentity).IsInRole("officer"));
    }

    [Fact]
    public async Task Remembered_tokens_hold_the_shared_role_and_issuer_and_answer_with_their_validity_window()
    {
        var cache = new ValidatedTokenCache(_time, capacity: 100);
        var (token7, token8) = (Issue("officer-7", TimeSpan.FromHours(1)), Issue("officer-8", TimeSpan.FromHours(2)));
        var first7 = await cache.ValidateTokenAsync(token7, Parameters());
        await cache.ValidateTokenAsync(token8, Parameters());

        var again7 = await cache.ValidateTokenAsync(token7, Parameters());
        var again8 = await cache.ValidateTokenAsync(token8, Parameters());

        Assert.Same(Roles.Officer, again7.ClaimsIdentity.FindFirst(UserClaims.Role)!.Value);
        Assert.Same(Roles.Officer, again8.ClaimsIdentity.FindFirst(UserClaims.Role)!.Value);
        Assert.Same(again7.SecurityToken.Issuer, again8.SecurityToken.Issuer);
        Assert.Equal("tangerang-live", again7.SecurityToken.Issuer);
        Assert.Equal(first7.SecurityToken.ValidFrom, again7.SecurityToken.ValidFrom);
        Assert.Equal(first7.SecurityToken.ValidTo, again7.SecurityToken.ValidTo);
        Assert.Equal(_time.GetUtcNow().UtcDateTime.AddHours(2), again8.SecurityToken.ValidTo, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task The_bearer_shortcut_serves_the_same_claims_until_expiry_and_then_nothing()
    {
        var cache = new ValidatedTokenCache(_time, capacity: 100);
        var token = Issue("officer-7", TimeSpan.FromMinutes(10));
        Assert.False(cache.TryGetValidated(token, out _));
        Assert.True((await cache.ValidateTokenAsync(token, Parameters())).IsValid);

        Assert.True(cache.TryGetValidated(token, out var principal));
        Assert.Equal(("u-7", "dishub-7", "officer-7"), (principal.UserId(), principal.Identity!.Name, principal.OfficerIdOf()));
        Assert.True(principal.IsInRole(Roles.Officer));
        Assert.False(principal.IsInRole(Roles.Admin));

        _time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(31));
        Assert.False(cache.TryGetValidated(token, out _));
    }

    [Fact]
    public async Task The_officer_shortcut_answers_only_for_a_remembered_unexpired_officer_token()
    {
        var cache = new ValidatedTokenCache(_time, capacity: 100);
        var officer = Issue("officer-7", TimeSpan.FromMinutes(10));
        var dispatcher = Issue("officer-8", TimeSpan.FromMinutes(10), Roles.Operator);
        Assert.False(cache.TryGetOfficer(officer, out _)); // never validated
        Assert.True((await cache.ValidateTokenAsync(officer, Parameters())).IsValid);
        Assert.True((await cache.ValidateTokenAsync(dispatcher, Parameters())).IsValid);

        Assert.True(cache.TryGetOfficer(officer, out var id));
        Assert.Equal("officer-7", id);
        Assert.False(cache.TryGetOfficer(dispatcher, out _)); // an operator's token names an officer id but is not an officer's
        Assert.True(cache.TryGetValidated(dispatcher, out var principal));
        Assert.True(principal.IsInRole(Roles.Operator));
        Assert.Null(principal.OfficerIdOf());

        _time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(31));
        Assert.False(cache.TryGetOfficer(officer, out _));
    }

    [Fact]
    public async Task A_token_repeating_a_claim_keeps_every_value_and_is_never_taken_as_an_officer_by_the_shortcut()
    {
        var cache = new ValidatedTokenCache(_time, capacity: 100);
        var now = _time.GetUtcNow().UtcDateTime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "tangerang-live",
            Audience = "tangerang-live",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Subject = new ClaimsIdentity([
                new Claim(UserClaims.Subject, "u-7"), new Claim(UserClaims.Role, Roles.Officer), new Claim(UserClaims.Role, Roles.Operator),
                new Claim(UserClaims.OfficerId, "officer-7")]),
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
        Assert.True((await cache.ValidateTokenAsync(token, Parameters())).IsValid);

        Assert.False(cache.TryGetOfficer(token, out _));
        Assert.True(cache.TryGetValidated(token, out var principal));
        Assert.True(principal.IsInRole(Roles.Officer));
        Assert.True(principal.IsInRole(Roles.Operator));
        Assert.Equal("officer-7", principal.FindFirstValue(UserClaims.OfficerId));
    }

    [Fact]
    public async Task A_tampered_token_is_refused_even_after_the_genuine_one_was_remembered()
    {
        var cache = new ValidatedTokenCache(_time, capacity: 100);
        var token = Issue("officer-7", TimeSpan.FromHours(1));
        Assert.True((await cache.ValidateTokenAsync(token, Parameters())).IsValid);

        var parts = token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("officer-7", "officer-8", StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        Assert.False((await cache.ValidateTokenAsync(forged, Parameters())).IsValid);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task A_remembered_token_is_refused_once_it_has_expired()
    {
        var cache = new ValidatedTokenCache(_time, capacity: 100);
        var token = Issue("officer-7", TimeSpan.FromMinutes(10));
        Assert.True((await cache.ValidateTokenAsync(token, Parameters())).IsValid);

        _time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(31)); // past expiry and the 30 s skew

        Assert.False((await cache.ValidateTokenAsync(token, Parameters())).IsValid);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task The_table_never_holds_more_than_its_capacity()
    {
        var cache = new ValidatedTokenCache(_time, capacity: 2);
        foreach (var officer in new[] { "a", "b", "c", "d", "e" })
        {
            Assert.True((await cache.ValidateTokenAsync(Issue(officer, TimeSpan.FromHours(1)), Parameters())).IsValid);
            Assert.InRange(cache.Count, 1, 2);
        }
    }

    [Fact]
    public async Task A_device_token_naming_the_officer_twice_keeps_one_string_for_name_and_officer_id()
    {
        var cache = new ValidatedTokenCache(_time, capacity: 100);
        var device = Issue("officer-9", TimeSpan.FromMinutes(10), name: "officer-9");
        var account = Issue("officer-7", TimeSpan.FromMinutes(10));
        Assert.True((await cache.ValidateTokenAsync(device, Parameters())).IsValid);
        Assert.True((await cache.ValidateTokenAsync(account, Parameters())).IsValid);

        Assert.True(cache.TryGetValidated(device, out var principal));
        Assert.Equal(("officer-9", "officer-9"), (principal.Identity!.Name, principal.OfficerIdOf()));
        Assert.Same(principal.Identity.Name, principal.OfficerIdOf());

        // Different values stay different.
        Assert.True(cache.TryGetValidated(account, out var other));
        Assert.Equal(("dishub-7", "officer-7"), (other.Identity!.Name, other.OfficerIdOf()));
    }

    private string Issue(string officerId, TimeSpan lifetime, string role = Roles.Officer, string? name = null)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "tangerang-live",
            Audience = "tangerang-live",
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = new Dictionary<string, object>
            {
                [UserClaims.Subject] = "u-" + officerId.Split('-')[^1],
                [UserClaims.Name] = name ?? "dishub-" + officerId.Split('-')[^1],
                [UserClaims.Role] = role,
                [UserClaims.OfficerId] = officerId,
            },
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
    }

    private TokenValidationParameters Parameters() => new()
    {
        ValidIssuer = "tangerang-live",
        ValidAudience = "tangerang-live",
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        IssuerSigningKey = Key,
        NameClaimType = UserClaims.Name,
        RoleClaimType = UserClaims.Role,
        ClockSkew = TimeSpan.FromSeconds(30),
        // The handler's own lifetime check reads the same (fake) clock as the cache.
        LifetimeValidator = (notBefore, expires, _, p) => expires is { } e && e + p.ClockSkew > _time.GetUtcNow().UtcDateTime,
    };
}
