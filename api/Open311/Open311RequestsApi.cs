using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;
using TangerangLive.Api.Reports;
using TangerangLive.Grains;
using TangerangLive.Grains.Complaints;

namespace TangerangLive.Api.Open311;

/// <summary>
/// POST requests (through the same intake as POST /api/reports, channel "open311"), GET requests with
/// the spec's filters, GET requests/{id} and FixMyStreet's servicerequestupdates, all from the query model.
/// </summary>
public static class Open311RequestsApi
{
    public const string Channel = "open311";

    public static async Task<Open311Result> Submit(
        string format, HttpRequest request, CityModel city, IOptions<Open311Options> options, Open311KeyStore keys, ReportIntake intake,
        Open311Queries queries, CancellationToken cancellationToken)
    {
        var f = Open311Request.FormatOf(format);
        if (!request.HasFormContentType)
        {
            return Open311Errors.BadRequest(f, "The body must be application/x-www-form-urlencoded; charset=utf-8.");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            var status = ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest;
            return Open311Errors.Of(f, status, [$"The form could not be read: {ex.Message}"]);
        }

        if (Open311Request.Check(format, form["jurisdiction_id"], city, options) is { } refused)
        {
            return refused;
        }

        if (await keys.VerifyAsync(form["api_key"], cancellationToken) is not { } keyId)
        {
            return Open311Errors.Forbidden(f, "api_key is missing, unknown or revoked; an administrator issues one per client application.");
        }

        var errors = new List<string>();
        var submission = Open311SubmissionForm.Parse(form, city, errors);
        var idempotencyKey = request.Headers[ReportsApi.IdempotencyHeader].FirstOrDefault();
        if (idempotencyKey is not null && !ReportValidation.IsValidIdempotencyKey(idempotencyKey))
        {
            errors.Add($"{ReportsApi.IdempotencyHeader}: 1-{ReportValidation.MaxIdempotencyKey} visible ASCII characters.");
        }

        if (errors.Count > 0 || submission is null)
        {
            return Open311Errors.BadRequest(f, [.. errors]);
        }

        // The request's extras (media_url, attributes as sent, contact fields) are stored before the report: a report
        // this answer calls accepted always has them, and a failure here leaves no report behind, only a retry to make.
        Results<Created<ReportAccepted>, Ok<ReportAccepted>, ValidationProblem, ProblemHttpResult> outcome;
        try
        {
            outcome = await intake.SubmitAsync(
                submission.Draft, "open311:" + keyId, submission.Contact.Name, idempotencyKey, Channel, null,
                (id, token) => queries.SaveRequestAsync(id, keyId, submission, token), cancellationToken);
        }
        catch (NpgsqlException)
        {
            return Open311Errors.Of(f, StatusCodes.Status503ServiceUnavailable, ["The request could not be stored just now and was not accepted; send it again."]);
        }

        switch (outcome.Result)
        {
            case Created<ReportAccepted> created:
                return Stored(created.Value!, submission, city, f, StatusCodes.Status201Created);
            case Ok<ReportAccepted> replayed:
                return Stored(replayed.Value!, submission, city, f, StatusCodes.Status200OK);
            case ValidationProblem invalid:
                return Open311Errors.BadRequest(f, [.. invalid.ProblemDetails.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))]);
            case ProblemHttpResult problem:
                return Open311Errors.Of(f, problem.StatusCode, [problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "Refused."]);
            default:
                return Open311Errors.BadRequest(f, "The request was refused.");
        }
    }

    public static async Task<Open311Result> List(
        string format, HttpRequest request, CityModel city, IOptions<Open311Options> options, Open311Queries queries, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (Open311Request.Check(format, request.Query["jurisdiction_id"], city, options) is { } refused)
        {
            return refused;
        }

        var f = Open311Request.FormatOf(format);
        var errors = new List<string>();
        var query = Open311Filters.Parse(request.Query, city, clock.GetUtcNow(), errors);
        var extensions = Extensions(request, errors);
        if (query is null || errors.Count > 0)
        {
            return Open311Errors.BadRequest(f, [.. errors]);
        }

        var rows = await queries.ListAsync(query, cancellationToken);
        return await AnswerAsync(rows, extensions, city, queries, f, cancellationToken);
    }

    public static async Task<Open311Result> Get(
        string id, string format, HttpRequest request, CityModel city, IOptions<Open311Options> options, Open311Queries queries, CancellationToken cancellationToken)
    {
        if (Open311Request.Check(format, request.Query["jurisdiction_id"], city, options) is { } refused)
        {
            return refused;
        }

        var f = Open311Request.FormatOf(format);
        var errors = new List<string>();
        var extensions = Extensions(request, errors);
        if (errors.Count > 0)
        {
            return Open311Errors.BadRequest(f, [.. errors]);
        }

        var rows = ComplaintKey.IsValidId(id)
            ? await queries.ListAsync(new Open311Query([id], null, null, null, null, null, null, 1, 1), cancellationToken)
            : [];
        return rows.Count == 0
            ? Open311Errors.NotFound(f, $"service_request_id '{id}' not found.")
            : await AnswerAsync(rows, extensions, city, queries, f, cancellationToken);
    }

    public static async Task<Open311Result> Updates(
        string format, HttpRequest request, CityModel city, IOptions<Open311Options> options, Open311Queries queries, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (Open311Request.Check(format, request.Query["jurisdiction_id"], city, options) is { } refused)
        {
            return refused;
        }

        var f = Open311Request.FormatOf(format);
        var errors = new List<string>();
        var (from, to) = Open311Filters.Window(request.Query, city, clock.GetUtcNow(), errors);
        var (page, pageSize) = Open311Filters.Paging(request.Query, errors);
        if (errors.Count > 0)
        {
            return Open311Errors.BadRequest(f, [.. errors]);
        }

        var events = await queries.UpdatesAsync(from, to, page, pageSize, cancellationToken);
        return new Open311Result(Open311Views.Updates(events, city), f);
    }

    /// <summary>The spec's answer to POST requests: a list of one, with the id (never a token: nothing is deferred).</summary>
    private static Open311Result Stored(ReportAccepted accepted, Open311Submission submission, CityModel city, Open311Format format, int statusCode)
    {
        var category = city.Definition.FindCategory(submission.Draft.Category)!;
        var agency = city.Definition.FindAgency(category.Agency)?.FullName ?? category.Agency;
        var notice = $"Sent to {agency}; target: resolved within {category.Sla.TotalHours:0.#} h.";
        return new Open311Result(new Open311Document("service_requests", Open311Node.List("request", [Open311Node.Object(
            ("service_request_id", Open311Node.Text(accepted.Id)),
            ("service_notice", Open311Node.Text(notice)),
            ("account_id", Open311Node.Text(submission.Contact.AccountId)))])), format, statusCode);
    }

    private static async Task<Open311Result> AnswerAsync(
        IReadOnlyList<Open311Row> rows, bool extensions, CityModel city, Open311Queries queries, Open311Format format, CancellationToken cancellationToken)
    {
        if (!extensions)
        {
            return new Open311Result(Open311Views.Requests(rows, city), format);
        }

        var ids = rows.Select(r => r.Id).ToList();
        var events = await queries.EventsOfAsync(ids, cancellationToken);
        var attributes = await queries.AttributesOfAsync(ids, cancellationToken);
        return new Open311Result(Open311Views.Requests(rows, city, events, attributes), format);
    }

    private static bool Extensions(HttpRequest request, List<string> errors)
    {
        var text = request.Query["extensions"].ToString();
        if (text.Length == 0 || bool.TryParse(text, out var value) && !value)
        {
            return false;
        }

        if (bool.TryParse(text, out _))
        {
            return true;
        }

        errors.Add("extensions: true or false.");
        return false;
    }
}
