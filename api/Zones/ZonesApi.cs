using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TangerangLive.Api.Auth;
using TangerangLive.Api.Observability;
using TangerangLive.Grains;
using TangerangLive.Grains.Zones;

namespace TangerangLive.Api.Zones;

/// <summary>An officer on the map: where (the zone, or null outside every zone), which agency, free or busy, and when last heard.</summary>
public sealed record OfficerOnMap(string OfficerId, string Agency, string? ZoneCode, double Lat, double Lon, bool Available, DateTime LastSeenUtc);

/// <summary>
/// The zones as GeoJSON with live counters, and a snapshot of on-duty officers' positions. Each costs one
/// grain call per zone (the metric tangerang.screen.grain_calls counts them), whatever the number of officers:
/// a zone answers its counters, kept as officers come and go, not its roster.
/// </summary>
public static class ZonesApi
{
    public const string ZonesScreen = "zones";
    public const string PositionsScreen = "officer-positions";

    public static IEndpointRouteBuilder MapZonesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/zones").WithTags("Zones").RequireAuthorization(Policies.StaffRead)
            .MapGet("/", GetZones).Produces(StatusCodes.Status200OK, contentType: "application/geo+json").WithScreen(ZonesScreen);
        routes.MapGroup("/api/officers/positions").WithTags("Zones").RequireAuthorization(Policies.StaffRead)
            .MapGet("/", GetPositions).WithScreen(PositionsScreen);
        return routes;
    }

    private static async Task<ContentHttpResult> GetZones(CityModel city, IGrainFactory grains)
    {
        var zones = city.Map.All;
        var counters = (await Task.WhenAll(zones.Select(z => grains.Zone(z.Code).GetCountersAsync()))).ToDictionary(c => c.ZoneCode, StringComparer.Ordinal);
        var collection = JsonNode.Parse(city.Map.ToGeoJson())!.AsObject();
        foreach (var feature in collection["features"]!.AsArray())
        {
            var properties = feature!["properties"]!.AsObject();
            if (properties["code"]?.GetValue<string>() is { } code && counters.TryGetValue(code, out var zone))
            {
                properties["officersOnline"] = zone.OfficersOnline;
                properties["officersAvailable"] = zone.OfficersAvailable;
                properties["openComplaints"] = zone.OpenComplaints;
                properties["onlineByAgency"] = new JsonObject(zone.OnlineByAgency.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value)));
            }
        }

        return TypedResults.Text(collection.ToJsonString(), "application/geo+json");
    }

    private static async Task<Ok<IReadOnlyList<OfficerOnMap>>> GetPositions(CityModel city, IGrainFactory grains)
    {
        var zones = city.Map.All;
        var outside = grains.OutsideOfficers(city.Definition.Id).GetOfficersAsync();
        var statuses = await Task.WhenAll(zones.Select(z => grains.Zone(z.Code).GetStatusAsync()));
        var officers = statuses
            .SelectMany(s => s.Officers.Select(o => new OfficerOnMap(o.OfficerId, o.Agency, s.ZoneCode, o.Lat, o.Lon, o.Available, o.LastSeenUtc)))
            .Concat((await outside).Select(o => new OfficerOnMap(o.OfficerId, o.Agency, null, o.Lat, o.Lon, o.Available, o.LastSeenUtc)))
            .OrderBy(o => o.OfficerId, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok<IReadOnlyList<OfficerOnMap>>(officers);
    }
}
