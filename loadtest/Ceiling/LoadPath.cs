namespace TangerangLive.LoadTest.Ceiling;

/// <summary>What a ramp sends: a heartbeat as the SIGAP app or an OsmAnd tracker sends it, or a citizen's report.</summary>
internal enum LoadPath
{
    /// <summary><c>POST /api/me/heartbeat</c> with the officer's bearer token and a JSON position.</summary>
    Sigap,

    /// <summary><c>GET /osmand?id=&lt;trackingDeviceId&gt;&amp;lat&amp;lon&amp;timestamp...</c>, no token.</summary>
    OsmAnd,

    /// <summary>The officer hub's <c>Heartbeat</c> on the officer's own SignalR connection (WebSocket, token at connect).</summary>
    Hub,

    /// <summary><c>POST /api/reports</c> with a citizen's bearer token and an Idempotency-Key, no photo.</summary>
    Reports,
}

/// <summary>Names of the paths as the report and the options spell them.</summary>
internal static class LoadPaths
{
    public static string Name(this LoadPath path) => path switch
    {
        LoadPath.Sigap => "heartbeat (SIGAP)",
        LoadPath.OsmAnd => "heartbeat (OsmAnd)",
        LoadPath.Hub => "heartbeat (SIGAP hub)",
        _ => "report submit",
    };

    public static string Option(this LoadPath path) => path switch
    {
        LoadPath.Sigap => "sigap",
        LoadPath.OsmAnd => "osmand",
        LoadPath.Hub => "hub",
        _ => "reports",
    };
}
