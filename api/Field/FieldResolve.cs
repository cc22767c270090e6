using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TangerangLive.Api.Auth;
using TangerangLive.Api.Ops;
using TangerangLive.Api.Problems;
using TangerangLive.Api.Reports;
using TangerangLive.Grains.Complaints;

namespace TangerangLive.Api.Field;

/// <summary>
/// The officer resolves the report they hold with a proof photo and an optional note. The photo is stored
/// only after the holder check (a report held by someone else, or not yet acknowledged, stores nothing), and
/// attached once the report took the resolution; a resolution the report refuses after all deletes it again.
/// </summary>
public static class FieldResolve
{
    public const int MaxNote = 1000;

    public static async Task<Results<Ok<ReportView>, ValidationProblem, ProblemHttpResult>> ResolveAsync(
        string complaintId, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, PhotoStore photos, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return CommandProblems.Invalid("photo", "Send multipart/form-data with a 'photo' file and an optional 'note'.");
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var note = form["note"].ToString();
        if (form.Files.GetFile("photo") is not { } file)
        {
            return CommandProblems.Invalid("photo", "A proof photo is required.");
        }

        if (file.Length > PhotoStore.MaxPhotoBytes)
        {
            return TypedResults.Problem(BadRequestExceptionHandler.TooLarge($"The photo is larger than {PhotoStore.MaxPhotoBytes} bytes."));
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        if (PhotoStore.ExtensionOf(bytes) is null)
        {
            return CommandProblems.Invalid("photo", "Not a JPEG, PNG or WebP image.");
        }

        if (note.Length > MaxNote || !CleanText.IsClean(note, multiLine: true))
        {
            return CommandProblems.Invalid("note", note.Length > MaxNote ? $"At most {MaxNote} characters." : CleanText.Message);
        }

        var me = FieldApi.Me(user);
        if (!ComplaintKey.IsValidId(complaintId) || await grains.Complaint(complaintId).GetAsync() is not { } report)
        {
            return CommandProblems.NotFound("report");
        }

        if (HolderProblem(report, me) is { } notHeld)
        {
            return CommandProblems.Conflict(notHeld);
        }

        var reference = PhotoStore.ReferenceOf(bytes);
        var written = await photos.WriteAsync(complaintId, user.UserId(), [bytes], cancellationToken);
        if (written.Refused is { } refused)
        {
            return refused.ToProblem();
        }

        var result = await FieldApi.FieldStepAsync(grains, complaintId, g => g.ResolveAsync(me, reference, note.Length == 0 ? null : note));
        if (result.Result is Ok<ReportView>)
        {
            await photos.AttachAsync(complaintId, [reference], CancellationToken.None);
        }
        else
        {
            await photos.DeleteUnattachedAsync(written.Inserted, CancellationToken.None);
        }

        return result;
    }

    /// <summary>Why this officer may not resolve the report (the Complaint grain's own check, made before anything is stored), or null.</summary>
    private static string? HolderProblem(ComplaintSnapshot report, string officerId)
    {
        if (report.OfficerId != officerId)
        {
            return $"Report {report.Report.Id} is not assigned to officer {officerId}.";
        }

        return report.Status is ComplaintStatus.Acknowledged or ComplaintStatus.EnRoute or ComplaintStatus.OnScene
            ? null
            : $"Not allowed while the report is {report.Status}; allowed from Acknowledged, EnRoute, OnScene.";
    }
}

/// <summary>The proof of a resolved report (for the API description).</summary>
public sealed record ResolveForm(IFormFile Photo, string? Note);
