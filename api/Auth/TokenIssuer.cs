using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TangerangLive.Api.Auth;

/// <summary>Signs access tokens for accounts.</summary>
public sealed class TokenIssuer(SigningKeyProvider keys, IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>A token for the account, living <paramref name="lifetime"/> or the configured token lifetime.</summary>
    public IssuedToken Issue(UserAccount user, TimeSpan? lifetime = null)
    {
        var auth = options.Value;
        var now = time.GetUtcNow();
        var expires = now + (lifetime ?? TimeSpan.FromHours(auth.TokenLifetimeHours));
        var claims = new Dictionary<string, object>
        {
            [UserClaims.Subject] = user.Id,
            [UserClaims.Name] = user.Username,
            [UserClaims.Role] = user.Role,
        };
        if (user.OfficerId is { } officerId)
        {
            claims[UserClaims.OfficerId] = officerId;
        }

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(keys.Key, SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, "Bearer", expires, user.Id, user.Username, user.Role, user.OfficerId);
    }
}

/// <summary>A signed access token and who it is for.</summary>
public sealed record IssuedToken(string AccessToken, string TokenType, DateTimeOffset ExpiresAt, string UserId, string Username, string Role, string? OfficerId);
