using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TangerangLive.Api.Problems;
using TangerangLive.Grains.Complaints;

namespace TangerangLive.Api.Reports;

/// <summary>
/// Stores a validated report through its Complaint grain. With an Idempotency-Key the report id comes
/// from (caller, key), and a fingerprint of the normalised body tells a replay from a conflicting reuse.
/// </summary>
public sealed class ReportIntake(IGrainFactory grains, PhotoStore photos)
{
    /// <summary>
    /// Stores what a channel keeps beside the report under the report's id, before the report itself is stored: a
    /// report the caller is told was accepted then always has it. It may run again for the same id (a retry).
    /// </summary>
    public delegate Task BeforeStore(string reportId, CancellationToken cancellationToken);

    public Task<Results<Created<ReportAccepted>, Ok<ReportAccepted>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        ReportDraft draft, string userId, string? userName, string? idempotencyKey, string channel, CancellationToken cancellationToken) =>
        SubmitAsync(draft, userId, userName, idempotencyKey, channel, null, cancellationToken);

    /// <summary>
    /// Stores the report as <paramref name="userId"/> filed it through <paramref name="channel"/>; <paramref name="userName"/>
    /// and the draft's contact are the reporter's (for an operator's intake, the caller's), shown to staff only. A
    /// <paramref name="priority"/> replaces the category's priority, its reason going into the timeline.
    /// </summary>
    public Task<Results<Created<ReportAccepted>, Ok<ReportAccepted>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        ReportDraft draft, string userId, string? userName, string? idempotencyKey, string channel, PriorityOverride? priority, CancellationToken cancellationToken) =>
        SubmitAsync(draft, userId, userName, idempotencyKey, channel, priority, null, cancellationToken);

    /// <inheritdoc cref="SubmitAsync(ReportDraft, string, string?, string?, string, PriorityOverride?, CancellationToken)"/>
    /// <remarks><paramref name="beforeStore"/>, when given, runs once the id is known and before the report is stored.</remarks>
    public async Task<Results<Created<ReportAccepted>, Ok<ReportAccepted>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        ReportDraft draft, string userId, string? userName, string? idempotencyKey, string channel, PriorityOverride? priority, BeforeStore? beforeStore,
        CancellationToken cancellationToken)
    {
        var references = draft.Photos.Select(p => PhotoStore.ReferenceOf(p.Bytes)).ToList();
        var id = idempotencyKey is null ? ComplaintKey.NewId() : ComplaintKey.FromIdempotencyKey(userId, idempotencyKey);
        var written = await photos.WriteAsync(id, userId, draft.Photos.Select(p => p.Bytes).ToList(), cancellationToken);
        if (written.Refused is { } refused)
        {
            return refused.ToProblem();
        }

        if (beforeStore is not null)
        {
            await beforeStore(id, cancellationToken);
        }

        var submission = new ComplaintSubmission(
            draft.Category, draft.Description, draft.Lat, draft.Lon, references, new Reporter(userId, userName, draft.Contact), channel,
            Fingerprint(draft, references, priority), priority, draft.Attributes);
        var outcome = await grains.Complaint(id).SubmitAsync(submission);

        // Not the request's token: the report is stored, so its photos must follow even if the caller has gone
        // (should this process die first, the orphan sweep asks the report and attaches them).
        if (outcome.Kind is SubmitOutcomeKind.Conflict or SubmitOutcomeKind.Rejected)
        {
            await photos.DeleteUnattachedAsync(written.Inserted, CancellationToken.None);
        }
        else
        {
            await photos.AttachAsync(id, references, CancellationToken.None);
        }

        return outcome.Kind switch
        {
            SubmitOutcomeKind.Created => TypedResults.Created(TrackingUrl(id), Accepted(outcome.Complaint!, replayed: false)),
            SubmitOutcomeKind.Replayed => TypedResults.Ok(Accepted(outcome.Complaint!, replayed: true)),
            SubmitOutcomeKind.Conflict => TypedResults.Problem(
                outcome.Error, statusCode: StatusCodes.Status409Conflict, title: "Idempotency key reused with a different report"),
            _ => CommandProblems.Invalid("body", outcome.Error ?? "The report was rejected."),
        };
    }

    public static string TrackingUrl(string id) => "/api/reports/" + id;

    private static ReportAccepted Accepted(ComplaintSnapshot complaint, bool replayed) =>
        new(complaint.Report.Id, complaint.Status.ToString(), TrackingUrl(complaint.Report.Id), replayed);

    /// <summary>SHA-256 of the normalised report: what makes two submissions "the same".</summary>
    private static string Fingerprint(ReportDraft draft, IReadOnlyList<string> photoReferences, PriorityOverride? priority)
    {
        var normalised = string.Join('\n',
            draft.Category.ToLowerInvariant(),
            draft.Description,
            draft.Lat.ToString("R", CultureInfo.InvariantCulture),
            draft.Lon.ToString("R", CultureInfo.InvariantCulture),
            draft.Contact ?? string.Empty,
            string.Join(',', photoReferences));
        if (draft.Attributes is { Count: > 0 } attributes)
        {
            // Only when present, like the priority below.
            normalised += "\nattributes " + string.Join(';', attributes.Select(a => a.Code + "=" + string.Join(',', a.Values)));
        }

        if (priority is not null)
        {
            // Only when present, so the fingerprints of reports stored before overrides existed still match.
            normalised += $"\npriority {priority.Priority.ToString(CultureInfo.InvariantCulture)} {priority.Reason}";
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
    }
}
