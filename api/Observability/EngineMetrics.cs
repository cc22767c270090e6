using System.Diagnostics.Metrics;

namespace TangerangLive.Api.Observability;

/// <summary>
/// The engine's own counters on the "TangerangLive" meter (exported at /metrics): hot-path traffic, and
/// the grain calls each screen refresh costs, so that a screen's cost can be shown to be O(zones).
/// </summary>
public sealed class EngineMetrics
{
    public const string MeterName = "TangerangLive";

    private readonly Counter<long> _heartbeats;
    private readonly Counter<long> _heartbeatsFastPath;
    private readonly Counter<long> _osmAndPings;
    private readonly Counter<long> _screenRefreshes;
    private readonly Counter<long> _screenGrainCalls;
    private readonly Counter<long> _offersResent;

    public EngineMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _heartbeats = meter.CreateCounter<long>("tangerang.heartbeats.accepted", "{heartbeat}", "Positions from the SIGAP app and OsmAnd trackers applied (by the officer's shard while the officer is dormant, by its grain otherwise).");
        _heartbeatsFastPath = meter.CreateCounter<long>(
            "tangerang.heartbeats.fast_path", "{request}", "POST /api/me/heartbeat requests answered by the heartbeat fast path, before the general middleware.");
        _osmAndPings = meter.CreateCounter<long>("tangerang.osmand.pings", "{ping}", "OsmAnd / Traccar Client requests received.");
        _screenRefreshes = meter.CreateCounter<long>("tangerang.screen.refreshes", "{refresh}", "Screen data requests (zones, positions, attendance board), by screen.");
        _screenGrainCalls = meter.CreateCounter<long>(
            "tangerang.screen.grain_calls", "{call}", "Grain calls caused by screen data requests, directly or down the call chain, by screen and grain interface.");
        _offersResent = meter.CreateCounter<long>(
            "tangerang.offers.resent_on_connect", "{offer}", "Open offers sent again to an officer's phone as it connected to the officer hub (the offer was made while it had no connection).");
    }

    public void HeartbeatsAccepted(int count = 1) => _heartbeats.Add(count);

    public void HeartbeatOnFastPath() => _heartbeatsFastPath.Add(1);

    public void OsmAndPing() => _osmAndPings.Add(1);

    public void OfferResentOnConnect() => _offersResent.Add(1);

    /// <summary>One request for a screen's data.</summary>
    public void ScreenRefreshed(string screen) => _screenRefreshes.Add(1, new KeyValuePair<string, object?>("screen", screen));

    /// <summary>One grain call caused by a screen's data request (see <see cref="ScreenGrainCalls"/>).</summary>
    public void ScreenGrainCall(string screen, string grain) =>
        _screenGrainCalls.Add(1, new KeyValuePair<string, object?>("screen", screen), new KeyValuePair<string, object?>("grain", grain));
}
