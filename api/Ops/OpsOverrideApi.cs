using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TangerangLive.Api.Auth;
using TangerangLive.Api.Problems;
using TangerangLive.Api.Reports;
using TangerangLive.Grains;
using TangerangLive.Grains.City;
using TangerangLive.Grains.Complaints;
using TangerangLive.Grains.Officers;

namespace TangerangLive.Api.Ops;

/// <summary>
/// Operators' overrides of a report. Each lands in the report's timeline with the signed-in operator as
/// the actor and the reason given (required where the override changes who or what handles the report).
/// </summary>
public static class OpsOverrideApi
{
    public const int MaxReason = 500;
    public const int MaxNote = 2000;

    public static IEndpointRouteBuilder MapOpsOverrideApi(this IEndpointRouteBuilder routes)
    {
        var reports = routes.MapGroup("/api/ops/reports/{id}").WithTags("Operators: overrides")
            .RequireAuthorization(Policies.Operate).WithBodyLimit(64 * 1024);
        reports.MapPost("/assign", Assign);
        reports.MapPost("/unassign", (string id, ReasonRequest body, ClaimsPrincipal user, IGrainFactory grains) =>
            RunAsync(grains, id, Reasoned(body.Reason, required: true), user, body.Reason, (g, a) => g.UnassignAsync(a)));
        reports.MapPost("/category", ChangeCategory);
        reports.MapPost("/priority", (string id, PriorityRequest body, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var errors = Reasoned(body.Reason, required: true);
            errors.Require(body.Priority is >= CategoryDefinition.HighestPriority and <= CategoryDefinition.LowestPriority,
                "priority", $"Priority is {CategoryDefinition.HighestPriority} (highest) to {CategoryDefinition.LowestPriority}.");
            return RunAsync(grains, id, errors, user, body.Reason, (g, a) => g.ChangePriorityAsync(a, body.Priority!.Value));
        });
        reports.MapPost("/duplicate", MarkDuplicate);
        reports.MapPost("/cancel", (string id, ReasonRequest body, ClaimsPrincipal user, IGrainFactory grains) =>
            RunAsync(grains, id, Reasoned(body.Reason, required: true), user, body.Reason, (g, a) => g.CancelAsync(a)));
        reports.MapPost("/redispatch", (string id, ReasonRequest body, ClaimsPrincipal user, IGrainFactory grains) =>
            RunAsync(grains, id, Reasoned(body.Reason, required: false), user, body.Reason, (g, a) => g.RedispatchAsync(a)));
        reports.MapPost("/notes", (string id, NoteRequest body, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var errors = new ValidationErrors();
            errors.Require(!string.IsNullOrWhiteSpace(body.Note) && body.Note.Length <= MaxNote, "note", $"A note of 1-{MaxNote} characters is required.");
            errors.CheckText("note", body.Note, multiLine: true);
            return RunAsync(grains, id, errors, user, null, (g, a) => g.AddNoteAsync(a, body.Note!.Trim()));
        });
        return routes;
    }

    private static async Task<Results<Ok<ReportView>, ValidationProblem, ProblemHttpResult>> Assign(
        string id, AssignRequest body, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = Reasoned(body.Reason, required: true);
        errors.Require(OfficerKey.IsValidId(body.OfficerId), "officerId", "Officer id must be 1-64 letters, digits, '.', '_' or '-'.");
        if (!errors.Any && await grains.Officer(body.OfficerId!).GetAsync() is null)
        {
            return CommandProblems.NotFound("officer on the roster");
        }

        return await RunAsync(grains, id, errors, user, body.Reason, (g, a) => g.AssignAsync(a, body.OfficerId!, body.Preempt));
    }

    private static Task<Results<Ok<ReportView>, ValidationProblem, ProblemHttpResult>> ChangeCategory(
        string id, CategoryRequest body, ClaimsPrincipal user, IGrainFactory grains, CityModel city)
    {
        var errors = Reasoned(body.Reason, required: true);
        var category = body.Category is { Length: <= 64 } code && errors.CheckText("category", code) ? city.Definition.FindCategory(code.Trim()) : null;
        errors.Require(category is not null || !CleanText.IsClean(body.Category), "category", "Unknown category.");
        return RunAsync(grains, id, errors, user, body.Reason, (g, a) => g.ChangeCategoryAsync(a, category!.Code));
    }

    private static async Task<Results<Ok<ReportView>, ValidationProblem, ProblemHttpResult>> MarkDuplicate(
        string id, DuplicateRequest body, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = Reasoned(body.Reason, required: true);
        errors.Require(ComplaintKey.IsValidId(body.OriginalId), "originalId", "Not a report id (TL-XXXXXXXXXXXX).");
        errors.Require(body.OriginalId != id, "originalId", "A report cannot duplicate itself.");
        if (!errors.Any && await grains.Complaint(body.OriginalId!).GetAsync() is null)
        {
            return CommandProblems.NotFound("original report");
        }

        return await RunAsync(grains, id, errors, user, body.Reason, (g, a) => g.MarkDuplicateAsync(a, body.OriginalId!));
    }

    /// <summary>Checks an override's reason: clean text of at most <see cref="MaxReason"/> characters, present when required.</summary>
    public static ValidationErrors Reasoned(string? reason, bool required)
    {
        var errors = new ValidationErrors();
        errors.CheckText("reason", reason, multiLine: true);
        if (required)
        {
            errors.Require(!string.IsNullOrWhiteSpace(reason), "reason", "A reason is required for this override.");
        }

        errors.Require(reason is null || reason.Length <= MaxReason, "reason", $"At most {MaxReason} characters.");
        return errors;
    }

    private static async Task<Results<Ok<ReportView>, ValidationProblem, ProblemHttpResult>> RunAsync(
        IGrainFactory grains, string id, ValidationErrors errors, ClaimsPrincipal user, string? reason,
        Func<IComplaintGrain, OperatorAction, Task<ComplaintCommandResult>> command)
    {
        if (!ComplaintKey.IsValidId(id))
        {
            return CommandProblems.NotFound("report");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var complaint = grains.Complaint(id);
        if (await complaint.GetAsync() is null)
        {
            return CommandProblems.NotFound("report");
        }

        var result = await command(complaint, new OperatorAction(user.Identity?.Name ?? user.UserId(), string.IsNullOrWhiteSpace(reason) ? null : reason.Trim()));
        return result.Ok ? TypedResults.Ok(ReportView.From(result.Complaint!, forStaff: true)) : CommandProblems.Conflict(result.Error);
    }
}
