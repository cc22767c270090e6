namespace TangerangLive.Api.Auth;

/// <summary>The accounts a fresh database gets, so a newcomer can try every role.</summary>
public static class DemoAccounts
{
    public const string EmbeddedPassword = "tangerang-demo";

    public static IReadOnlyList<DemoAccount> All { get; } =
    [
        new("admin", Roles.Admin, null, null, null),
        new("operator", Roles.Operator, null, null, null),
        new("supervisor", Roles.Supervisor, null, null, null),
        new("viewer", Roles.Viewer, null, null, null),
        new("citizen", Roles.Citizen, null, null, null),
        new("officer-dishub-1", Roles.Officer, "officer-dishub-1", "Dishub", "osmand-dishub-1"),
        new("officer-dishub-2", Roles.Officer, "officer-dishub-2", "Dishub", "osmand-dishub-2"),
    ];
}

/// <summary>A demo account; officers also get a roster entry and a tracking device id.</summary>
public sealed record DemoAccount(string Username, string Role, string? OfficerId, string? Agency, string? DeviceId);
