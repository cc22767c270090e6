using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TangerangLive.Api.Auth;
using TangerangLive.Grains;
using TangerangLive.Grains.Zones;

namespace TangerangLive.Api.Zones;

/// <summary>An officer on the map: where, which agency, free or busy, and when last heard.</summary>
public sealed record OfficerOnMap(string OfficerId, string Agency, string ZoneCode, double Lat, double Lon, bool Available, DateTime LastSeenUtc);

/// <summary>The zones as GeoJSON with live counters, and a snapshot of on-duty officers' positions.</summary>
public static class ZonesApi
{
    public static IEndpointRouteBuilder MapZonesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/zones").WithTags("Zones").RequireAuthorization(Policies.StaffRead)
            .MapGet("/", GetZones).Produces(StatusCodes.Status200OK, contentType: "application/geo+json");
        routes.MapGroup("/api/officers/positions").WithTags("Zones").RequireAuthorization(Policies.StaffRead)
            .MapGet("/", GetPositions);
        return routes;
    }

    private static async Task<ContentHttpResult> GetZones(CityModel city, IGrainFactory grains)
    {
        var statuses = (await AllStatusesAsync(city, grains)).ToDictionary(s => s.ZoneCode, StringComparer.Ordinal);
        var collection = JsonNode.Parse(city.Map.ToGeoJson())!.AsObject();
        foreach (var feature in collection["features"]!.AsArray())
        {
            var properties = feature!["properties"]!.AsObject();
            if (properties["code"]?.GetValue<string>() is { } code && statuses.TryGetValue(code, out var status))
            {
                properties["officersOnline"] = status.OfficersOnline;
                properties["officersAvailable"] = status.OfficersAvailable;
                properties["openComplaints"] = status.OpenComplaints;
                properties["onlineByAgency"] = new JsonObject(status.OnlineByAgency.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value)));
            }
        }

        return TypedResults.Text(collection.ToJsonString(), "application/geo+json");
    }

    private static async Task<Ok<IReadOnlyList<OfficerOnMap>>> GetPositions(CityModel city, IGrainFactory grains)
    {
        var officers = (await AllStatusesAsync(city, grains))
            .SelectMany(s => s.Officers.Select(o => new OfficerOnMap(o.OfficerId, o.Agency, s.ZoneCode, o.Lat, o.Lon, o.Available, o.LastSeenUtc)))
            .OrderBy(o => o.OfficerId, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok<IReadOnlyList<OfficerOnMap>>(officers);
    }

    /// <summary>Every zone's status, asked in parallel.</summary>
    private static Task<ZoneStatus[]> AllStatusesAsync(CityModel city, IGrainFactory grains) =>
        Task.WhenAll(city.Map.All.Select(z => grains.Zone(z.Code).GetStatusAsync()));
}
