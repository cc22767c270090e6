using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using TangerangLive.Api.Auth;
using TangerangLive.Api.Observability;
using TangerangLive.Api.Problems;
using TangerangLive.Grains;

namespace TangerangLive.Api.Live;

/// <summary>The Live Room page's own reads: the city it shows (from the city data set), the day's figures and attendance counts.</summary>
public static class LiveRoomApi
{
    public static IEndpointRouteBuilder MapLiveRoomApi(this IEndpointRouteBuilder routes)
    {
        var live = routes.MapGroup("/api/live").WithTags("Live Room").RequireAuthorization(Policies.StaffRead);
        live.MapGet("/city", GetCity).WithScreen("live-city");
        live.MapGet("/figures", GetFigures).WithScreen("live-figures");
        live.MapGet("/attendance", GetAttendance).WithScreen("live-attendance");
        return routes;
    }

    private static Ok<LiveRoomCity> GetCity(CityModel city, IOptions<LiveRoomOptions> options)
    {
        var o = options.Value;
        var definition = city.Definition;
        var agencies = definition.Agencies
            .Select((a, i) => new LiveRoomAgency(a.Code, a.Name, a.FullName,
                o.AgencyColors.TryGetValue(a.Code, out var color) ? color : o.Palette[i % o.Palette.Count]))
            .ToList();
        var categories = definition.Categories
            .Select(c => new LiveRoomCategory(c.Code, c.Name, c.Agency, c.Priority, c.AckDeadlineSeconds, c.SlaMinutes))
            .ToList();
        return TypedResults.Ok(new LiveRoomCity(definition.Id, definition.Name, definition.TimeZone, o.TileUrl, o.TileAttribution, agencies, categories));
    }

    private static async Task<Results<Ok<LiveRoomFigures>, ValidationProblem>> GetFigures(
        LiveRoomFigureQuery query, CityModel city, TimeProvider time, CancellationToken cancellationToken, string? agency = null)
    {
        if (agency is not null && city.Definition.FindAgency(agency) is null)
        {
            return CommandProblems.Invalid("agency", "Unknown agency.");
        }

        return TypedResults.Ok(await query.ReadAsync(agency, time.GetUtcNow(), cancellationToken));
    }

    private static async Task<Results<Ok<LiveRoomAttendance>, ValidationProblem>> GetAttendance(
        LiveRoomAttendanceQuery query, CityModel city, TimeProvider time, CancellationToken cancellationToken, string? agency = null)
    {
        if (agency is not null && city.Definition.FindAgency(agency) is null)
        {
            return CommandProblems.Invalid("agency", "Unknown agency.");
        }

        return TypedResults.Ok(await query.ReadAsync(agency, time.GetUtcNow(), cancellationToken));
    }
}
