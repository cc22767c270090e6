using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TangerangLive.Api.Auth;
using TangerangLive.Grains;
using TangerangLive.Grains.City;

namespace TangerangLive.Api.Admin;

/// <summary>Admins read the city's agencies and categories (the data set the cluster runs).</summary>
public static class CityApi
{
    public static IEndpointRouteBuilder MapCityApi(this IEndpointRouteBuilder routes)
    {
        var city = routes.MapGroup("/api/admin").WithTags("Admin: city").RequireAuthorization(Policies.Admin);
        city.MapGet("/agencies", GetAgencies);
        city.MapGet("/categories", GetCategories);
        return routes;
    }

    private static Ok<IReadOnlyList<AgencyDefinition>> GetAgencies(CityModel city) => TypedResults.Ok(city.Definition.Agencies);

    private static Ok<IReadOnlyList<CategoryDefinition>> GetCategories(CityModel city) => TypedResults.Ok(city.Definition.Categories);
}
