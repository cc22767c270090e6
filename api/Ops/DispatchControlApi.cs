using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TangerangLive.Api.Auth;
using TangerangLive.Api.Problems;
using TangerangLive.Grains;
using TangerangLive.Grains.Dispatch;

namespace TangerangLive.Api.Ops;

/// <summary>Operators pause and resume automatic dispatch for one category or one zone.</summary>
public static class DispatchControlApi
{
    public static IEndpointRouteBuilder MapDispatchControlApi(this IEndpointRouteBuilder routes)
    {
        var dispatch = routes.MapGroup("/api/ops/dispatch").WithTags("Operators: dispatch control").RequireAuthorization(Policies.StaffRead);
        dispatch.MapGet("/categories/{code}", (string code, CityModel city, IGrainFactory grains) =>
            ControlAsync(city, grains, code, isZone: false, c => c.GetAsync()));
        dispatch.MapGet("/zones/{code}", (string code, CityModel city, IGrainFactory grains) =>
            ControlAsync(city, grains, code, isZone: true, c => c.GetAsync()));

        var operate = dispatch.MapGroup("/").RequireAuthorization(Policies.Operate).WithBodyLimit(16 * 1024);
        operate.MapPost("/categories/{code}/pause", (string code, ReasonRequest body, ClaimsPrincipal user, CityModel city, IGrainFactory grains) =>
            SwitchAsync(city, grains, code, isZone: false, body, (c, reason) => c.PauseAsync(Actor(user), reason)));
        operate.MapPost("/categories/{code}/resume", (string code, ReasonRequest body, ClaimsPrincipal user, CityModel city, IGrainFactory grains) =>
            SwitchAsync(city, grains, code, isZone: false, body, (c, reason) => c.ResumeAsync(Actor(user), reason)));
        operate.MapPost("/zones/{code}/pause", (string code, ReasonRequest body, ClaimsPrincipal user, CityModel city, IGrainFactory grains) =>
            SwitchAsync(city, grains, code, isZone: true, body, (c, reason) => c.PauseAsync(Actor(user), reason)));
        operate.MapPost("/zones/{code}/resume", (string code, ReasonRequest body, ClaimsPrincipal user, CityModel city, IGrainFactory grains) =>
            SwitchAsync(city, grains, code, isZone: true, body, (c, reason) => c.ResumeAsync(Actor(user), reason)));
        return routes;
    }

    private static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? user.UserId();

    private static async Task<Results<Ok<DispatchControlStatus>, ValidationProblem, ProblemHttpResult>> SwitchAsync(
        CityModel city, IGrainFactory grains, string code, bool isZone, ReasonRequest body, Func<IDispatchControlGrain, string?, Task<DispatchControlStatus>> flip)
    {
        var errors = OpsOverrideApi.Reasoned(body.Reason, required: false);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return await ControlAsync(city, grains, code, isZone, c => flip(c, string.IsNullOrWhiteSpace(body.Reason) ? null : body.Reason.Trim()));
    }

    private static async Task<Results<Ok<DispatchControlStatus>, ValidationProblem, ProblemHttpResult>> ControlAsync(
        CityModel city, IGrainFactory grains, string code, bool isZone, Func<IDispatchControlGrain, Task<DispatchControlStatus>> action)
    {
        if (isZone)
        {
            return city.Map.Get(code) is { } zone
                ? TypedResults.Ok(await action(grains.ZoneControl(zone.Code)))
                : CommandProblems.NotFound("zone");
        }

        return city.Definition.FindCategory(code) is { } category
            ? TypedResults.Ok(await action(grains.CategoryControl(category.Code)))
            : CommandProblems.NotFound("category");
    }
}
