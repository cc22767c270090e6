using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TangerangLive.Grains.Officers;

namespace TangerangLive.Api.Roster;

/// <summary>The officers roster: admins create and update officers; anyone signed in reads them.</summary>
public static class RosterApi
{
    public static IEndpointRouteBuilder MapRosterApi(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/api/admin/officers").WithTags("Admin: roster");
        admin.MapPut("/{officerId}", PutOfficer);

        var officers = routes.MapGroup("/api/officers").WithTags("Officers");
        officers.MapGet("/{officerId}", GetOfficer);
        officers.MapGet("/{officerId}/silo", GetHostingSilo).WithTags("Operations");
        return routes;
    }

    private static async Task<Results<Ok<OfficerSnapshot>, ValidationProblem>> PutOfficer(string officerId, OfficerRequest request, IGrainFactory grains)
    {
        var errors = RosterValidation.Validate(officerId, request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var profile = new OfficerProfile(
            officerId,
            request.Name.Trim(),
            request.Agency.Trim(),
            request.Team?.Trim() ?? string.Empty,
            request.Shift?.Trim() ?? string.Empty,
            request.DeviceIds ?? [],
            request.Active);
        return TypedResults.Ok(await grains.Officer(officerId).RegisterAsync(profile));
    }

    private static async Task<Results<Ok<OfficerSnapshot>, NotFound>> GetOfficer(string officerId, IGrainFactory grains)
    {
        if (!OfficerKey.IsValidId(officerId))
        {
            return TypedResults.NotFound();
        }

        return await grains.Officer(officerId).GetAsync() is { } officer ? TypedResults.Ok(officer) : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<HostingSilo>, NotFound>> GetHostingSilo(string officerId, IGrainFactory grains)
    {
        if (!OfficerKey.IsValidId(officerId))
        {
            return TypedResults.NotFound();
        }

        var officer = grains.Officer(officerId);
        return await officer.GetAsync() is null ? TypedResults.NotFound() : TypedResults.Ok(new HostingSilo(await officer.GetHostingSiloAsync()));
    }
}

/// <summary>The silo an activation lives on.</summary>
public sealed record HostingSilo(string Silo);
