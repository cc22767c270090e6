using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using TangerangLive.Api.Problems;
using TangerangLive.Api.Reports;

namespace TangerangLive.Api.Intake;

/// <summary>The answer to a webhook call: what became of each message in it.</summary>
public sealed record SocialIntakeAnswer(IReadOnlyList<SocialOutcome> Messages);

/// <summary>
/// POST /api/intake/social/{source} (twitter, facebook, whatsapp): a social-media bridge delivers messages,
/// signed with the source's secret (<see cref="SocialSignature"/>). Each message is stored once per
/// (source, message id); with a place and a category it becomes a report with the source as its channel,
/// otherwise it waits in the operators' triage list. A replay answers what the first call did.
/// </summary>
public static class SocialIntakeApi
{
    public static IReadOnlyList<string> Sources { get; } = [ReportChannels.Twitter, ReportChannels.Facebook, ReportChannels.WhatsApp];

    public static IEndpointRouteBuilder MapSocialIntakeApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/intake/social/{source}", Receive).WithTags("Intake: social media").AllowAnonymous().DisableAntiforgery().WithBodyLimit(256 * 1024);
        return routes;
    }

    private static async Task<Results<Ok<SocialIntakeAnswer>, ValidationProblem, ProblemHttpResult>> Receive(
        string source, HttpRequest request, IOptions<SocialIntakeOptions> options, SocialMessageStore store, SocialReporter reporter,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (!Sources.Contains(source) || options.Value.Sources.GetValueOrDefault(source)?.Secret is not { Length: >= 16 } secret)
        {
            return CommandProblems.NotFound($"social source '{source}' configured (one of {string.Join(", ", Sources)}, with a secret)");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (!SocialSignature.IsValid(request.Headers[SocialSignature.Header].FirstOrDefault(), body.Span, secret))
        {
            return TypedResults.Problem(
                $"Header {SocialSignature.Header} must be sha256=<hex HMAC-SHA256 of the raw body with the {source} secret>.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Missing or bad signature");
        }

        var errors = new ValidationErrors();
        List<SocialMessage> messages;
        try
        {
            using var json = JsonDocument.Parse(body);
            messages = SocialPayloads.Read(source, json.RootElement, errors);
        }
        catch (JsonException)
        {
            return CommandProblems.Invalid("body", "The body is not valid JSON.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var outcomes = new List<SocialOutcome>();
        foreach (var message in messages)
        {
            var (row, inserted) = await store.RecordAsync(source, message, time.GetUtcNow(), cancellationToken);
            if (!inserted && row.Status != "new")
            {
                outcomes.Add(new SocialOutcome(row.MessageId, row.Status, row.ReportId, row.Id, row.Status == "dismissed" ? row.DismissReason : row.TriageReason, Replayed: true));
                continue;
            }

            // New, or stored by a call that died before deciding: decide now (the report id is the same either way).
            var (reportId, triageReason) = await reporter.TryReportAsync(row, cancellationToken);
            if (reportId is not null)
            {
                await store.MarkReportedAsync(row.Id, reportId, null, cancellationToken);
                outcomes.Add(new SocialOutcome(row.MessageId, "reported", reportId, row.Id, null, !inserted));
            }
            else
            {
                await store.MoveToTriageAsync(row.Id, triageReason!, cancellationToken);
                outcomes.Add(new SocialOutcome(row.MessageId, "triage", null, row.Id, triageReason, !inserted));
            }
        }

        return TypedResults.Ok(new SocialIntakeAnswer(outcomes));
    }
}
