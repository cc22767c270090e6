using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TangerangLive.Api.Auth;
using TangerangLive.Api.Ops;
using TangerangLive.Api.Problems;

namespace TangerangLive.Api.Admin;

/// <summary>Admins see the report versions the query model refused (the projection writer's quarantine).</summary>
public static class ProjectionApi
{
    public static IEndpointRouteBuilder MapProjectionApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/admin/projection").WithTags("Admin: query model").RequireAuthorization(Policies.Admin)
            .MapGet("/quarantine", GetQuarantine);
        return routes;
    }

    private static async Task<Results<Ok<IReadOnlyList<QuarantinedVersion>>, ValidationProblem>> GetQuarantine(
        ProjectionQuarantine quarantine, CancellationToken cancellationToken, int limit = 100)
    {
        if (limit is < 1 or > ProjectionQuarantine.MaxList)
        {
            return CommandProblems.Invalid("limit", $"limit must be 1-{ProjectionQuarantine.MaxList}.");
        }

        return TypedResults.Ok(await quarantine.ListAsync(limit, cancellationToken));
    }
}
