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
    private readonly Counter<long> _osmAndPings;
    private readonly Counter<long> _screenRefreshes;
    private readonly Counter<long> _screenGrainCalls;

    public EngineMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _heartbeats = meter.CreateCounter<long>("tangerang.heartbeats.accepted", "{heartbeat}", "Positions from the SIGAP app and OsmAnd trackers handed to officer grains.");
        _osmAndPings = meter.CreateCounter<long>("tangerang.osmand.pings", "{ping}", "OsmAnd / Traccar Client requests received.");
        _screenRefreshes = meter.CreateCounter<long>("tangerang.screen.refreshes", "{refresh}", "Screen data requests (zones, positions, attendance board), by screen.");
        _screenGrainCalls = meter.CreateCounter<long>("tangerang.screen.grain_calls", "{call}", "Grain calls made to answer screen data requests, by screen.");
    }

    public void HeartbeatsAccepted(int count = 1) => _heartbeats.Add(count);

    public void OsmAndPing() => _osmAndPings.Add(1);

    /// <summary>One refresh of a screen's data and the grain calls it cost.</summary>
    public void ScreenRefreshed(string screen, int grainCalls)
    {
        var tag = new KeyValuePair<string, object?>("screen", screen);
        _screenRefreshes.Add(1, tag);
        _screenGrainCalls.Add(grainCalls, tag);
    }
}
