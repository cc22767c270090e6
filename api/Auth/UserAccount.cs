namespace TangerangLive.Api.Auth;

/// <summary>A row of the users table.</summary>
public sealed record UserAccount(string Id, string Username, string PasswordHash, string Role, string? OfficerId, DateTimeOffset CreatedAt);
