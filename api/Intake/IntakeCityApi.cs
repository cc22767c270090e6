using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TangerangLive.Grains;
using TangerangLive.Grains.City;

namespace TangerangLive.Api.Intake;

/// <summary>A category as a reporter picks it, with the questions it asks (sent back as attribute[CODE] fields).</summary>
public sealed record IntakeCategory(string Code, string Name, string Agency, int Priority, IReadOnlyList<CategoryAttribute> Attributes);

/// <summary>What an intake form needs of the city: its name, where to centre the map, the categories and kelurahan names.</summary>
public sealed record IntakeCity(string Name, double MinLat, double MinLon, double MaxLat, double MaxLon, IReadOnlyList<IntakeCategory> Categories, IReadOnlyList<string> Kelurahan);

/// <summary>
/// For any signed-in user: GET /api/intake/city (the citizens' and operators' intake pages read the city from it)
/// and GET /api/intake/zones (the kelurahan boundaries as GeoJSON, without the staff's live counters).
/// </summary>
public static class IntakeCityApi
{

    public static IEndpointRouteBuilder MapIntakeCityApi(this IEndpointRouteBuilder routes)
    {
        var city = routes.MapGroup("/api/intake").WithTags("Intake: city facts").RequireAuthorization();
        city.MapGet("/city", Get);
        city.MapGet("/zones", (CityModel model) => TypedResults.Content(model.Map.ToGeoJson(), "application/geo+json"))
            .Produces(StatusCodes.Status200OK, contentType: "application/geo+json");
        return routes;
    }

    private static Ok<IntakeCity> Get(CityModel city, PlaceFinder places)
    {
        var bounds = city.Map.GeographicBounds;
        var categories = city.Definition.Categories.Select(c => new IntakeCategory(c.Code, c.Name, c.Agency, c.Priority, c.AttributeList)).ToList();
        return TypedResults.Ok(new IntakeCity(city.Definition.Name, bounds.MinLat, bounds.MinLon, bounds.MaxLat, bounds.MaxLon, categories, places.Names.ToList()));
    }
}
