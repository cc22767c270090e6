namespace TangerangLive.Api.Auth;

/// <summary>Username and password, to get a token.</summary>
public sealed record TokenRequest(string? Username, string? Password);

/// <summary>A citizen's new account.</summary>
public sealed record RegisterRequest(string? Username, string? Password);

/// <summary>The account just created.</summary>
public sealed record RegisteredUser(string UserId, string Username, string Role);
