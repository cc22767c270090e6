using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TangerangLive.Api.Auth;
using TangerangLive.Api.Problems;
using TangerangLive.Api.Tracking;
using TangerangLive.Grains;
using TangerangLive.Grains.Officers;

namespace TangerangLive.Api.Admin;

/// <summary>
/// The officers roster: admins create, update and deactivate officers and their tracking devices; staff
/// read any officer, an officer reads only themself.
/// </summary>
public static class RosterApi
{
    public static IEndpointRouteBuilder MapRosterApi(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/api/admin/officers").WithTags("Admin: roster").RequireAuthorization(Policies.Admin).WithBodyLimit(64 * 1024);
        admin.MapPut("/{officerId}", PutOfficer);
        admin.MapDelete("/{officerId}", DeactivateOfficer);

        var officers = routes.MapGroup("/api/officers").WithTags("Officers").RequireAuthorization();
        officers.MapGet("/{officerId}", GetOfficer);
        officers.MapGet("/{officerId}/silo", GetHostingSilo).WithTags("Operations").RequireAuthorization(Policies.StaffRead);
        return routes;
    }

    private static async Task<Results<Ok<OfficerSnapshot>, ValidationProblem, ProblemHttpResult>> PutOfficer(
        string officerId, OfficerRequest request, IGrainFactory grains, DeviceDirectory devices, CityModel city, CancellationToken cancellationToken)
    {
        var errors = RosterValidation.Validate(officerId, request);
        var agency = request.Agency is { Length: > 0 } code ? city.Definition.FindAgency(code.Trim()) : null;
        if (agency is null && !errors.ContainsKey("agency"))
        {
            errors["agency"] = [$"Unknown agency; one of {string.Join(", ", city.Definition.Agencies.Select(a => a.Code))}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var deviceIds = (request.DeviceIds ?? []).Select(d => d.Trim()).ToList();
        var taken = await devices.ReplaceAsync(officerId, deviceIds, cancellationToken);
        if (taken.Count > 0)
        {
            return CommandProblems.Conflict($"Device ids already registered to another officer: {string.Join(", ", taken)}.");
        }

        var profile = new OfficerProfile(
            officerId,
            request.Name.Trim(),
            agency!.Code,
            request.Team?.Trim() ?? string.Empty,
            request.Shift?.Trim() ?? string.Empty,
            deviceIds,
            request.Active);
        return TypedResults.Ok(await grains.Officer(officerId).RegisterAsync(profile));
    }

    private static async Task<Results<Ok<OfficerSnapshot>, ProblemHttpResult>> DeactivateOfficer(string officerId, IGrainFactory grains)
    {
        if (!OfficerKey.IsValidId(officerId) || await grains.Officer(officerId).GetAsync() is not { } officer)
        {
            return CommandProblems.NotFound("officer");
        }

        return TypedResults.Ok(await grains.Officer(officerId).RegisterAsync(officer.Profile with { Active = false }));
    }

    private static async Task<Results<Ok<OfficerSnapshot>, ProblemHttpResult>> GetOfficer(string officerId, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!Roles.IsStaff(user.RoleOf()) && user.OfficerIdOf() != officerId)
        {
            return CommandProblems.Forbidden("An officer sees only their own roster entry.");
        }

        if (!OfficerKey.IsValidId(officerId))
        {
            return CommandProblems.NotFound("officer");
        }

        return await grains.Officer(officerId).GetAsync() is { } officer ? TypedResults.Ok(officer) : CommandProblems.NotFound("officer");
    }

    private static async Task<Results<Ok<HostingSilo>, ProblemHttpResult>> GetHostingSilo(string officerId, IGrainFactory grains)
    {
        if (!OfficerKey.IsValidId(officerId))
        {
            return CommandProblems.NotFound("officer");
        }

        var officer = grains.Officer(officerId);
        return await officer.GetAsync() is null ? CommandProblems.NotFound("officer") : TypedResults.Ok(new HostingSilo(await officer.GetHostingSiloAsync()));
    }
}

/// <summary>The silo an activation lives on.</summary>
public sealed record HostingSilo(string Silo);
