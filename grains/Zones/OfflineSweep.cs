using Microsoft.Extensions.Logging;
using TangerangLive.Grains.Live;
using TangerangLive.Grains.Matching;
using TangerangLive.Grains.Officers;

namespace TangerangLive.Grains.Zones;

/// <summary>
/// The liveness sweep of an officer index, a zone's and the outside index's alike: officers silent past the
/// city's offline threshold leave the index and are marked offline (shown in the Live Room, saved in the
/// position log with the next batch, and told one way to their officer grain), even if nothing else ever
/// reaches their grains.
/// </summary>
internal static partial class OfflineSweep
{
    public static void Run(OfficerRoster roster, DateTimeOffset now, CityModel city, ILiveEventSink live, IPositionLog positions, IGrainFactory grains, ILogger logger)
    {
        var cutoff = (now - city.Definition.Liveness.OfflineThreshold).UtcDateTime;
        foreach (var last in roster.RemoveSilentSince(cutoff))
        {
            var lastHeard = new DateTimeOffset(last.LastSeenUtc, TimeSpan.Zero);
            LogOffline(logger, last.OfficerId, roster.ZoneCode ?? "(outside every zone)", last.LastSeenUtc);
            live.Publish(new OfficerStatusChanged(now, last.OfficerId, last.Agency, roster.ZoneCode, "Offline", false, null));
            positions.MarkOffline(last.OfficerId, lastHeard);
            grains.Officer(last.OfficerId).MarkOfflineAsync(lastHeard, roster.ZoneCode).Ignore();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Officer {OfficerId} offline in zone {ZoneCode}: last heard at {LastSeen:o}")]
    private static partial void LogOffline(ILogger logger, string officerId, string zoneCode, DateTime lastSeen);
}
