namespace TangerangLive.LoadTest.Ceiling;

/// <summary>What a ramp sends: a heartbeat as the SIGAP app or an OsmAnd tracker sends it, or a citizen's report.</summary>
internal enum LoadPath
{
    /// <summary><c>POST /api/me/heartbeat</c> with the officer's bearer token and a JSON position.</summary>
    Sigap,

    /// <summary><c>GET /osmand?id=&lt;trackingDeviceId&gt;&amp;lat&amp;lon&amp;timestamp...</c>, no token.</summary>
    OsmAnd,

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
        _ => "report submit",
    };

    public static string Option(this LoadPath path) => path switch
    {
        LoadPath.Sigap => "sigap",
        LoadPath.OsmAnd => "osmand",
        _ => "reports",
    };
}
