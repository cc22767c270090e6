namespace TangerangLive.Api.Live;

/// <summary>SignalR group names.</summary>
public static class LiveGroups
{
    public const string All = "all";

    public static string Agency(string agency) => "agency:" + agency.ToLowerInvariant();

    public static string Zone(string zoneCode) => "zone:" + zoneCode;

    public static string Officer(string officerId) => "officer:" + officerId;
}
