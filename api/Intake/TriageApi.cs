using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TangerangLive.Api.Auth;
using TangerangLive.Api.Ops;
using TangerangLive.Api.Problems;
using TangerangLive.Grains;
using TangerangLive.Grains.Complaints;

namespace TangerangLive.Api.Intake;

/// <summary>An operator makes a triage message into a report: the category, and the place unless the message has usable coordinates.</summary>
public sealed record TriageReportRequest(string? Category, IntakePoint? Location, string? Kelurahan, string? Description, int? Priority, string? PriorityReason);

/// <summary>The operators' triage list of social messages: list, make one into a report, or dismiss it with a reason.</summary>
public static class TriageApi
{
    public static IEndpointRouteBuilder MapTriageApi(this IEndpointRouteBuilder routes)
    {
        var triage = routes.MapGroup("/api/ops/triage").WithTags("Operators: triage").WithBodyLimit(64 * 1024);
        triage.MapGet("/", List).RequireAuthorization(Policies.StaffRead);
        triage.MapPost("/{id:long}/report", MakeReport).RequireAuthorization(Policies.Operate);
        triage.MapPost("/{id:long}/dismiss", Dismiss).RequireAuthorization(Policies.Operate);
        return routes;
    }

    private static async Task<Results<Ok<IReadOnlyList<SocialMessageRow>>, ValidationProblem>> List(SocialMessageStore store, CancellationToken cancellationToken, int limit = 100)
    {
        if (limit is < 1 or > SocialMessageStore.MaxList)
        {
            return CommandProblems.Invalid("limit", $"limit is 1-{SocialMessageStore.MaxList}.");
        }

        return TypedResults.Ok(await store.ListTriageAsync(limit, cancellationToken));
    }

    private static async Task<Results<Ok<SocialOutcome>, ValidationProblem, ProblemHttpResult>> MakeReport(
        long id, TriageReportRequest body, ClaimsPrincipal user, SocialMessageStore store, SocialReporter reporter, PlaceFinder places,
        CityModel city, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } row)
        {
            return CommandProblems.NotFound("triage message");
        }

        if (row.Status != "triage")
        {
            return row.Status == "reported" && row.ReportId is not null
                ? TypedResults.Ok(new SocialOutcome(row.MessageId, row.Status, row.ReportId, row.Id, null, Replayed: true))
                : CommandProblems.Conflict($"The message is {row.Status}, not in triage.");
        }

        var errors = new ValidationErrors();
        var point = Place(body, row, places, reporter, errors);
        var priority = IntakePriority.Check(body.Priority, body.PriorityReason, errors);
        errors.Require(body.Category is { Length: <= 64 } category && city.Definition.FindCategory(category.Trim()) is not null, "category", "A known category is required.");
        var description = string.IsNullOrWhiteSpace(body.Description) ? row.Text : body.Description;
        if (string.IsNullOrWhiteSpace(description))
        {
            errors.Add("description", "The message has no text: give a description.");
        }

        if (errors.Any || point is not { } p)
        {
            return errors.ToProblem();
        }

        var (reportId, problem) = await reporter.SubmitAsync(row, body.Category!.Trim(), p.Lat, p.Lon, description!, priority, cancellationToken);
        if (reportId is null)
        {
            return CommandProblems.Invalid("body", problem ?? "The report was not accepted.");
        }

        var actor = user.Identity?.Name ?? user.UserId();
        await store.MarkReportedAsync(row.Id, reportId, actor, cancellationToken);
        await grains.Complaint(reportId).AddNoteAsync(new OperatorAction(actor, null), $"Made from the triage list: {row.Source} message {row.MessageId} by {row.Author}.");
        return TypedResults.Ok(new SocialOutcome(row.MessageId, "reported", reportId, row.Id, null, Replayed: false));
    }

    private static async Task<Results<Ok<SocialOutcome>, ValidationProblem, ProblemHttpResult>> Dismiss(
        long id, ReasonRequest body, ClaimsPrincipal user, SocialMessageStore store, CancellationToken cancellationToken)
    {
        var reason = body.Reason?.Trim();
        var errors = new ValidationErrors();
        errors.Require(reason is { Length: > 0 and <= OpsOverrideApi.MaxReason }, "reason", $"A reason of 1-{OpsOverrideApi.MaxReason} characters is required.");
        errors.CheckText("reason", reason);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (await store.GetAsync(id, cancellationToken) is not { } row)
        {
            return CommandProblems.NotFound("triage message");
        }

        return await store.DismissAsync(id, reason!, user.Identity?.Name ?? user.UserId(), cancellationToken)
            ? TypedResults.Ok(new SocialOutcome(row.MessageId, "dismissed", null, row.Id, reason, Replayed: false))
            : CommandProblems.Conflict($"The message is {row.Status}, not in triage.");
    }

    /// <summary>The operator's point or kelurahan; else the message's own place (coordinates, or a kelurahan in its text).</summary>
    private static (double Lat, double Lon)? Place(TriageReportRequest body, SocialMessageRow row, PlaceFinder places, SocialReporter reporter, ValidationErrors errors)
    {
        if (body.Location is { } location)
        {
            errors.Require(location is { Lat: not null, Lon: not null }, "location", "location needs lat and lon.");
            return location is { Lat: { } lat, Lon: { } lon } ? (lat, lon) : null;
        }

        if (body.Kelurahan is { } kelurahan)
        {
            var found = kelurahan.Length <= 200 && CleanText.IsClean(kelurahan) ? places.FindByName(kelurahan) : null;
            errors.Require(found is not null, "kelurahan", "Unknown kelurahan.");
            return found is null ? null : (found.Lat, found.Lon);
        }

        var own = reporter.FindPlace(row);
        errors.Require(own is not null, "location", "The message has no usable place: give location {lat, lon} or a kelurahan.");
        return own;
    }
}
