using System.Security.Claims;

namespace TangerangLive.Api.Auth;

/// <summary>The claims our tokens carry, and how endpoints read them.</summary>
public static class UserClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string OfficerId = "officer_id";

    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(Subject) ?? throw new InvalidOperationException("The token has no subject.");

    public static string? RoleOf(this ClaimsPrincipal user) => user.FindFirstValue(Role);

    /// <summary>The officer this account acts as, or null for non-officers.</summary>
    public static string? OfficerIdOf(this ClaimsPrincipal user) =>
        user.RoleOf() == Roles.Officer ? user.FindFirstValue(OfficerId) : null;
}
