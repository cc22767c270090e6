using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TangerangLive.Grains.Officers;

namespace TangerangLive.Api.Attendance;

/// <summary>Who is online or offline right now, per agency and zone: the Live Room's attendance board.</summary>
public static class AttendanceBoard
{
    public static async Task<Ok<BoardView>> GetAsync(string? agency, string? zone, IOfficerDirectory directory, IGrainFactory grains)
    {
        var roster = (await directory.ListAsync(agency)).Where(o => o.Active).ToList();
        var states = new List<OfficerSnapshot>(roster.Count);
        foreach (var chunk in roster.Chunk(200))
        {
            var snapshots = await Task.WhenAll(chunk.Select(o => grains.Officer(o.OfficerId).GetAsync()));
            states.AddRange(snapshots.OfType<OfficerSnapshot>());
        }

        if (zone is not null)
        {
            states = states.Where(s => s.ZoneCode == zone).ToList();
        }

        var officers = states
            .Select(s => new BoardOfficer(s.Profile.OfficerId, s.Profile.Name, s.Profile.Agency, s.ZoneCode, s.Online, s.Duty.ToString(), s.LastFix?.At))
            .OrderBy(o => o.Agency, StringComparer.Ordinal).ThenBy(o => o.OfficerId, StringComparer.Ordinal)
            .ToList();
        var byAgency = officers.GroupBy(o => o.Agency)
            .Select(g => new BoardCount(g.Key, g.Count(o => o.Online), g.Count(o => !o.Online)))
            .ToList();
        var byZone = officers.Where(o => o.ZoneCode is not null).GroupBy(o => o.ZoneCode!)
            .Select(g => new BoardCount(g.Key, g.Count(o => o.Online), g.Count(o => !o.Online)))
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(new BoardView(officers.Count(o => o.Online), officers.Count(o => !o.Online), byAgency, byZone, officers));
    }
}

public sealed record BoardOfficer(string OfficerId, string Name, string Agency, string? ZoneCode, bool Online, string Duty, DateTimeOffset? LastSeen);

public sealed record BoardCount(string Key, int Online, int Offline);

public sealed record BoardView(int Online, int Offline, IReadOnlyList<BoardCount> ByAgency, IReadOnlyList<BoardCount> ByZone, IReadOnlyList<BoardOfficer> Officers);
