using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using TangerangLive.Api.Auth;
using TangerangLive.Api.Observability;
using TangerangLive.Api.Ops;
using TangerangLive.Api.Problems;
using TangerangLive.Api.Reports;
using TangerangLive.Grains.Complaints;
using TangerangLive.Grains.Dispatch;
using TangerangLive.Grains.Officers;

namespace TangerangLive.Api.Field;

/// <summary>
/// The SIGAP app, acting as the signed-in officer: shift, heartbeats, the current assignment and its
/// field steps. The officer id always comes from the token; a body naming another officer gets 403.
/// </summary>
public static class FieldApi
{
    public static IEndpointRouteBuilder MapFieldApi(this IEndpointRouteBuilder routes)
    {
        var me = routes.MapGroup("/api/me").WithTags("Officers: SIGAP app").RequireAuthorization(Policies.FieldOfficer);
        me.MapGet("/", GetMe);
        me.MapPost("/shift/start", StartShift);
        me.MapPost("/shift/end", EndShift);
        me.MapPost("/heartbeat", Heartbeat).WithBodyLimit(64 * 1024);
        me.MapPost("/heartbeats", Heartbeats).WithBodyLimit(1024 * 1024);
        me.MapGet("/assignment", GetAssignment);
        me.MapPost("/assignments/{complaintId}/acknowledge", (string complaintId, ClaimsPrincipal user, IGrainFactory grains) =>
            FieldStepAsync(grains, complaintId, g => g.AcknowledgeAsync(Me(user))));
        me.MapPost("/assignments/{complaintId}/refuse", (string complaintId, RefuseRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            OpsOverrideApi.Reasoned(request.Reason, required: false) is { Any: true } errors
                ? Task.FromResult<Results<Ok<ReportView>, ValidationProblem, ProblemHttpResult>>(errors.ToProblem())
                : FieldStepAsync(grains, complaintId, g => g.RefuseAsync(Me(user), request.Reason?.Trim())));
        me.MapPost("/assignments/{complaintId}/en-route", (string complaintId, ClaimsPrincipal user, IGrainFactory grains) =>
            FieldStepAsync(grains, complaintId, g => g.EnRouteAsync(Me(user))));
        me.MapPost("/assignments/{complaintId}/on-scene", (string complaintId, ClaimsPrincipal user, IGrainFactory grains) =>
            FieldStepAsync(grains, complaintId, g => g.OnSceneAsync(Me(user))));
        me.MapPost("/assignments/{complaintId}/resolve", FieldResolve.ResolveAsync)
            .WithBodyLimit(PhotoStore.MaxPhotoBytes + (64 * 1024)).Accepts<ResolveForm>("multipart/form-data");
        return routes;
    }

    /// <summary>The signed-in officer's id (the policy guarantees there is one).</summary>
    public static string Me(ClaimsPrincipal user) => user.OfficerIdOf() ?? throw new InvalidOperationException("Not an officer token.");

    private static async Task<Results<Ok<OfficerSnapshot>, ProblemHttpResult>> GetMe(ClaimsPrincipal user, IGrainFactory grains) =>
        await grains.Officer(Me(user)).GetAsync() is { } officer ? TypedResults.Ok(officer) : CommandProblems.NotFound("officer on the roster");

    private static Task<Results<Ok<DutyResult>, ProblemHttpResult>> StartShift(ClaimsPrincipal user, IGrainFactory grains) =>
        DutyAsync(grains, Me(user), g => g.StartShiftAsync());

    private static Task<Results<Ok<DutyResult>, ProblemHttpResult>> EndShift(ClaimsPrincipal user, IGrainFactory grains) =>
        DutyAsync(grains, Me(user), g => g.EndShiftAsync());

    private static Task<Results<Ok<HeartbeatResult>, ValidationProblem, ProblemHttpResult>> Heartbeat(
        HeartbeatRequest request, ClaimsPrincipal user, IGrainFactory grains, IOptions<DispatchTimingOptions> timing, TimeProvider time, EngineMetrics metrics) =>
        ReportAsync(user, grains, timing, time, metrics, [request], request.OfficerId, single: true);

    private static Task<Results<Ok<HeartbeatResult>, ValidationProblem, ProblemHttpResult>> Heartbeats(
        HeartbeatBatch batch, ClaimsPrincipal user, IGrainFactory grains, IOptions<DispatchTimingOptions> timing, TimeProvider time, EngineMetrics metrics) =>
        ReportAsync(user, grains, timing, time, metrics, batch.Positions, batch.OfficerId, single: false);

    private static async Task<Results<Ok<HeartbeatResult>, ValidationProblem, ProblemHttpResult>> ReportAsync(
        ClaimsPrincipal user, IGrainFactory grains, IOptions<DispatchTimingOptions> timing, TimeProvider time, EngineMetrics metrics, IReadOnlyList<HeartbeatRequest>? positions, string? claimed, bool single)
    {
        var outcome = await HeartbeatIntake.ReportAsync(grains, timing.Value, Me(user), positions, claimed, time.GetUtcNow(), metrics, single);
        return ToResult(outcome);
    }

    /// <summary>How a heartbeat's outcome is answered (here and on <see cref="HeartbeatFastPath"/>).</summary>
    internal static Results<Ok<HeartbeatResult>, ValidationProblem, ProblemHttpResult> ToResult(HeartbeatOutcome outcome) =>
        outcome switch
        {
            { Result: { } result } => TypedResults.Ok(result),
            { Errors: { } errors } => errors.ToProblem(),
            { ForbiddenReason: { } forbidden } => CommandProblems.Forbidden(forbidden),
            _ => CommandProblems.Conflict(outcome.ConflictReason),
        };

    private static async Task<Results<Ok<MyAssignment>, ProblemHttpResult>> GetAssignment(ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await grains.Officer(Me(user)).GetAsync() is not { } officer)
        {
            return CommandProblems.NotFound("officer on the roster");
        }

        var report = officer.Assignment is { } assignment ? await grains.Complaint(assignment.ComplaintId).GetAsync() : null;
        return TypedResults.Ok(new MyAssignment(officer.Assignment, report is null ? null : ReportView.From(report)));
    }

    private static async Task<Results<Ok<DutyResult>, ProblemHttpResult>> DutyAsync(IGrainFactory grains, string officerId, Func<IOfficerGrain, Task<CommandResult>> command)
    {
        var officer = grains.Officer(officerId);
        if (await officer.GetAsync() is null)
        {
            return CommandProblems.NotFound("officer on the roster");
        }

        var result = await command(officer);
        var now = await officer.GetAsync();
        return result.Ok ? TypedResults.Ok(new DutyResult(officerId, now!.Duty.ToString(), now.Online)) : CommandProblems.Conflict(result.Error);
    }

    /// <summary>Runs a field step on the report and answers with the report, 404 or 409.</summary>
    internal static async Task<Results<Ok<ReportView>, ValidationProblem, ProblemHttpResult>> FieldStepAsync(
        IGrainFactory grains, string complaintId, Func<IComplaintGrain, Task<ComplaintCommandResult>> step)
    {
        if (!ComplaintKey.IsValidId(complaintId))
        {
            return CommandProblems.NotFound("report");
        }

        var result = await step(grains.Complaint(complaintId));
        return result switch
        {
            { Ok: true, Complaint: { } complaint } => TypedResults.Ok(ReportView.From(complaint)),
            { Complaint: null } => CommandProblems.NotFound("report"),
            _ => CommandProblems.Conflict(result.Error),
        };
    }
}
