using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using TangerangLive.Api.Auth;
using TangerangLive.Api.Problems;
using TangerangLive.Grains.Complaints;

namespace TangerangLive.Api.Reports;

/// <summary>
/// Stored report and proof photos, by name ("HASH.ext", the reference "photos/HASH.ext" without its folder),
/// from whichever silo is asked. Only the report's reporter, its officer (holding it now, or who resolved it),
/// the uploader and command-centre staff get a photo; anyone else gets the same 404 as for a photo that does
/// not exist, so a name tells nobody else whether it is stored.
/// </summary>
public static class PhotosApi
{
    public static IEndpointRouteBuilder MapPhotosApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/photos").WithTags("Photos").RequireAuthorization().MapGet("/{name}", GetPhoto);
        return routes;
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetPhoto(
        string name, ClaimsPrincipal user, PhotoStore photos, IGrainFactory grains, HttpContext context, CancellationToken cancellationToken)
    {
        if (PhotoStore.ParseName(name) is not var (sha256, contentType))
        {
            return CommandProblems.NotFound("photo");
        }

        var rows = await photos.FindAsync(sha256, contentType, user.UserId(), user.OfficerIdOf(), cancellationToken);
        if (await FirstReadableAsync(user, rows, grains) is not { } photo || await photos.OpenAsync(photo.Id, cancellationToken) is not { } content)
        {
            return CommandProblems.NotFound("photo");
        }

        context.Response.RegisterForDisposeAsync(content);
        context.Response.ContentLength = photo.Size;
        context.Response.Headers.CacheControl = "private, max-age=86400";
        return TypedResults.Stream(content.Stream, photo.ContentType, entityTag: new EntityTagHeaderValue($"\"{sha256}\""));
    }

    /// <summary>The first row this user may read: staff any, the uploader their own, others an attached photo of a report they filed or work.</summary>
    private static async Task<StoredPhoto?> FirstReadableAsync(ClaimsPrincipal user, IReadOnlyList<StoredPhoto> rows, IGrainFactory grains)
    {
        if (rows.Count == 0 || Roles.IsStaff(user.RoleOf()))
        {
            return rows.FirstOrDefault();
        }

        var userId = user.UserId();
        if (rows.FirstOrDefault(r => r.OwnerId == userId) is { } own)
        {
            return own;
        }

        var officerId = user.OfficerIdOf();
        foreach (var row in rows.Where(r => r.Attached && ComplaintKey.IsValidId(r.ReportId)))
        {
            if (await grains.Complaint(row.ReportId).GetAsync() is { } report && MayRead(report, userId, officerId))
            {
                return row;
            }
        }

        return null;
    }

    private static bool MayRead(ComplaintSnapshot report, string userId, string? officerId) =>
        report.Report.Reporter.UserId == userId
        || (officerId is not null && (report.OfficerId == officerId || report.Timeline.Any(t => t.Kind == "resolved" && t.OfficerId == officerId)));
}
