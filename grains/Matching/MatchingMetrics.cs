using System.Diagnostics.Metrics;

namespace TangerangLive.Grains.Matching;

/// <summary>
/// What the dispatch's nearest-officer searches cost in grain calls (<c>tangerang.matching.searches</c> and
/// <c>tangerang.matching.zones_asked</c>, by outcome): a search that finds nobody has to ask every zone within the
/// category's radius to be sure, one that finds someone stops at the first zones. Their ratio is the zones asked per search;
/// <c>tangerang.matching.zones_skipped</c> counts the zones not asked because this silo knew them empty of the agency.
/// </summary>
public static class MatchingMetrics
{
    private static readonly Meter Meter = new("TangerangLive");

    private static readonly Counter<long> Searches = Meter.CreateCounter<long>(
        "tangerang.matching.searches", "{search}", "Nearest-officer searches made for reports (dispatch and recommendations), by outcome: found someone, or nobody.");

    private static readonly Counter<long> ZonesAsked = Meter.CreateCounter<long>(
        "tangerang.matching.zones_asked", "{zone}", "Zone grains asked by those searches (one grain call each), by the search's outcome.");

    private static readonly Counter<long> ZonesSkipped = Meter.CreateCounter<long>(
        "tangerang.matching.zones_skipped", "{zone}", "Zones those searches needed but did not ask: this silo's table of zone availability said no officer of the agency was available there.");

    /// <summary>One search that asked <paramref name="asked"/> zones, skipped <paramref name="skipped"/>, and found someone or not.</summary>
    public static void Searched(int asked, int skipped, bool found)
    {
        var outcome = new KeyValuePair<string, object?>("outcome", found ? "found" : "nobody");
        Searches.Add(1, outcome);
        ZonesAsked.Add(asked, outcome);
        ZonesSkipped.Add(skipped, outcome);
    }
}
