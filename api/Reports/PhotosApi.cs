using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TangerangLive.Api.Problems;

namespace TangerangLive.Api.Reports;

/// <summary>Stored report and proof photos, by reference ("photos/HASH.ext"), for signed-in users.</summary>
public static class PhotosApi
{
    public static IEndpointRouteBuilder MapPhotosApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/photos").WithTags("Photos").RequireAuthorization().MapGet("/{name}", GetPhoto);
        return routes;
    }

    private static Results<PhysicalFileHttpResult, ProblemHttpResult> GetPhoto(string name, PhotoStore photos) =>
        photos.PathOf(name) is { } path && File.Exists(path)
            ? TypedResults.PhysicalFile(path, PhotoStore.ContentTypeOf(path))
            : CommandProblems.NotFound("photo");
}
