using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using TangerangLive.Api.Auth;
using TangerangLive.Api.Ops;
using TangerangLive.Api.Problems;
using TangerangLive.Grains;
using TangerangLive.Grains.Complaints;

namespace TangerangLive.Api.Reports;

/// <summary>Citizens: submit a report (JSON or multipart with photos), follow it, list their own.</summary>
public static class ReportsApi
{
    public const string IdempotencyHeader = "Idempotency-Key";
    private const long JsonLimit = 21 * 1024 * 1024;
    private const long FormLimit = (PhotoStore.MaxPhotos * PhotoStore.MaxPhotoBytes) + (1024 * 1024);

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder routes)
    {
        var reports = routes.MapGroup("/api/reports").WithTags("Citizens: reports").RequireAuthorization();
        reports.MapPost("/", SubmitJson).RequireAuthorization(Policies.Reporter).RequireRateLimiting(RateLimits.Intake).WithBodyLimit(JsonLimit);
        reports.MapPost("/", SubmitForm).RequireAuthorization(Policies.Reporter).RequireRateLimiting(RateLimits.Intake).WithBodyLimit(FormLimit)
            .Accepts<ReportForm>("multipart/form-data").WithName("SubmitReportWithPhotos");
        reports.MapGet("/", ListMine);
        reports.MapGet("/{id}", GetReport);
        return routes;
    }

    private static async Task<Results<Created<ReportAccepted>, Ok<ReportAccepted>, ValidationProblem, ProblemHttpResult>> SubmitJson(
        ReportRequest request, [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey, ClaimsPrincipal user,
        CityModel city, ReportIntake intake, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var photos = new List<PhotoUpload>();
        foreach (var (photo, i) in (request.Photos ?? []).Select((p, i) => (p, i)))
        {
            var field = $"photos[{i}]";
            if (DecodeBase64(photo) is not { } bytes)
            {
                errors.Add(field, "Not valid base64.");
            }
            else if (bytes.Length > PhotoStore.MaxPhotoBytes)
            {
                return TypedResults.Problem(BadRequestExceptionHandler.TooLarge($"{field} is larger than {PhotoStore.MaxPhotoBytes} bytes."));
            }
            else
            {
                photos.Add(new PhotoUpload(field, bytes));
            }
        }

        return await SubmitAsync(
            errors, city, request.Category, request.Description, request.Lat, request.Lon, request.Contact, photos, new Dictionary<string, string[]>(), idempotencyKey, user, intake, ReportChannels.App, cancellationToken);
    }

    private static async Task<Results<Created<ReportAccepted>, Ok<ReportAccepted>, ValidationProblem, ProblemHttpResult>> SubmitForm(
        HttpRequest request, ClaimsPrincipal user, CityModel city, ReportIntake intake, CancellationToken cancellationToken)
    {
        var form = await request.ReadFormAsync(cancellationToken);
        var errors = new ValidationErrors();
        var photos = new List<PhotoUpload>();
        if (form.Files.Count > PhotoStore.MaxPhotos)
        {
            return CommandProblems.Invalid("photos", $"At most {PhotoStore.MaxPhotos} photos.");
        }

        foreach (var (file, i) in form.Files.Select((f, i) => (f, i)))
        {
            if (file.Length > PhotoStore.MaxPhotoBytes)
            {
                return TypedResults.Problem(BadRequestExceptionHandler.TooLarge($"Photo '{file.FileName}' is larger than {PhotoStore.MaxPhotoBytes} bytes."));
            }

            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, cancellationToken);
            photos.Add(new PhotoUpload($"photos[{i}]", buffer.ToArray()));
        }

        var lat = ParseNumber(form["lat"], "lat", errors);
        var lon = ParseNumber(form["lon"], "lon", errors);

        // The citizens' page served by the silo says "web"; an app's form says nothing and is "app".
        var channel = form.TryGetValue("channel", out var sent) ? sent.ToString() : ReportChannels.App;
        errors.Require(channel is ReportChannels.App or ReportChannels.Web, "channel", $"{ReportChannels.App} or {ReportChannels.Web}.");
        var attributes = AttributeFields.Read(form, errors.Add);
        return await SubmitAsync(
            errors, city, form["category"], form["description"], lat, lon, form.TryGetValue("contact", out var contact) ? contact.ToString() : null,
            photos, attributes, request.Headers[IdempotencyHeader].FirstOrDefault(), user, intake, channel, cancellationToken);
    }

    private static async Task<Results<Created<ReportAccepted>, Ok<ReportAccepted>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        ValidationErrors errors, CityModel city, string? category, string? description, double? lat, double? lon, string? contact,
        List<PhotoUpload> photos, IReadOnlyDictionary<string, string[]> attributes, string? idempotencyKey, ClaimsPrincipal user, ReportIntake intake, string channel,
        CancellationToken cancellationToken)
    {
        var checks = ReportValidation.Validate(city, category, description, lat, lon, contact, photos, out var draft);
        checks.Merge(errors);

        // The answers to the category's questions; a required one may go unanswered from an app that does not ask it.
        if (draft is not null && city.Definition.FindCategory(draft.Category) is { } known)
        {
            draft = draft with { Attributes = AttributeFields.Answers(known, attributes, requireAnswers: false, checks.Add) };
        }

        if (idempotencyKey is not null && !ReportValidation.IsValidIdempotencyKey(idempotencyKey))
        {
            checks.Add(IdempotencyHeader, $"1-{ReportValidation.MaxIdempotencyKey} visible ASCII characters.");
        }

        if (checks.Any || draft is null)
        {
            return checks.ToProblem();
        }

        return await intake.SubmitAsync(draft, user.UserId(), user.Identity?.Name, idempotencyKey, channel, cancellationToken);
    }

    private static async Task<Ok<Page<ReportRow>>> ListMine(ClaimsPrincipal user, ReportQueries queries, CancellationToken cancellationToken, int page = 1, int pageSize = 50)
    {
        page = Math.Max(page, 1);
        pageSize = Math.Clamp(pageSize, 1, 200);
        var (rows, total) = await queries.ListAsync(new ReportFilter(ReporterId: user.UserId()), page, pageSize, cancellationToken);
        return TypedResults.Ok(new Page<ReportRow>(rows, total, page, pageSize));
    }

    private static async Task<Results<Ok<ReportView>, ProblemHttpResult>> GetReport(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!ComplaintKey.IsValidId(id) || await grains.Complaint(id).GetAsync() is not { } complaint)
        {
            return CommandProblems.NotFound("report");
        }

        var mayRead = Roles.IsStaff(user.RoleOf())
            || complaint.Report.Reporter.UserId == user.UserId()
            || (user.OfficerIdOf() is { } officerId && complaint.OfficerId == officerId);
        return mayRead ? TypedResults.Ok(ReportView.From(complaint, forStaff: Roles.IsStaff(user.RoleOf()))) : CommandProblems.Forbidden("A citizen sees only their own reports.");
    }

    private static double? ParseNumber(string? text, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(field, $"{field} must be a number.");
        return double.NaN;
    }

    private static byte[]? DecodeBase64(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var comma = text.StartsWith("data:", StringComparison.Ordinal) ? text.IndexOf(',', StringComparison.Ordinal) : -1;
        var payload = comma >= 0 ? text[(comma + 1)..] : text;
        var buffer = new byte[payload.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(payload, buffer, out var written) ? buffer[..written] : null;
    }
}

/// <summary>The multipart form of a report (for the API description): fields plus up to three photo files.</summary>
public sealed record ReportForm(string Category, string Description, double Lat, double Lon, string? Contact, IFormFileCollection? Photos);
