using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using TangerangLive.Api.Auth;
using TangerangLive.Api.Problems;
using TangerangLive.Api.Reports;
using TangerangLive.Grains;
using TangerangLive.Grains.Complaints;

namespace TangerangLive.Api.Intake;

/// <summary>
/// Operators enter reports for the call centre, 112 and SMS: the same intake as the app's (validation,
/// idempotency, deduplication, dispatch, timeline, Live Room) with the channel, the caller's name and
/// phone (shown to staff only) and an optional priority override whose reason lands in the timeline.
/// </summary>
public static class OperatorIntakeApi
{
    public const int MaxCallerName = 120;
    public const int MaxCallerPhone = 32;

    public static IEndpointRouteBuilder MapOperatorIntakeApi(this IEndpointRouteBuilder routes)
    {
        var intake = routes.MapGroup("/api/ops/intake").WithTags("Operators: intake");
        intake.MapPost("/", Submit).RequireAuthorization(Policies.Operate).RequireRateLimiting(RateLimits.Intake).WithBodyLimit(64 * 1024);
        return routes;
    }

    private static async Task<Results<Created<IntakeAccepted>, Ok<IntakeAccepted>, ValidationProblem, ProblemHttpResult>> Submit(
        OperatorIntakeRequest request, [FromHeader(Name = ReportsApi.IdempotencyHeader)] string? idempotencyKey, ClaimsPrincipal user,
        CityModel city, PlaceFinder places, ReportIntake intake, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(request.Channel is not null && ReportChannels.Operator.Contains(request.Channel), "channel", $"channel is one of {string.Join(", ", ReportChannels.Operator)}.");
        errors.Require(request.CallerName is null || request.CallerName.Length <= MaxCallerName, "callerName", $"At most {MaxCallerName} characters.");
        errors.CheckText("callerName", request.CallerName);
        errors.Require(request.CallerPhone is null || IsPhone(request.CallerPhone), "callerPhone", $"A phone number: digits, optionally '+', spaces, '-', '(' or ')', at most {MaxCallerPhone} characters.");
        errors.Require(request.Channel != ReportChannels.Sms || !string.IsNullOrWhiteSpace(request.CallerPhone), "callerPhone", "An SMS report needs the sender's number.");
        var priority = IntakePriority.Check(request.Priority, request.PriorityReason, errors);
        var place = ResolvePlace(request, places, errors);

        var checks = ReportValidation.Validate(
            city, request.Category, request.Description, place?.Lat ?? request.Location?.Lat, place?.Lon ?? request.Location?.Lon,
            string.IsNullOrWhiteSpace(request.CallerPhone) ? null : request.CallerPhone.Trim(), [], out var draft);
        errors.Merge(Renamed(checks, pointGiven: request.Location is not null));
        if (idempotencyKey is not null && !ReportValidation.IsValidIdempotencyKey(idempotencyKey))
        {
            errors.Add(ReportsApi.IdempotencyHeader, $"1-{ReportValidation.MaxIdempotencyKey} visible ASCII characters.");
        }

        if (errors.Any || draft is null)
        {
            return errors.ToProblem();
        }

        var callerName = string.IsNullOrWhiteSpace(request.CallerName) ? null : request.CallerName.Trim();
        var result = await intake.SubmitAsync(draft, user.UserId(), callerName, idempotencyKey, request.Channel!, priority, cancellationToken);
        var zone = city.Map.FindZone(draft.Lat, draft.Lon)!;
        var where = place is null
            ? new IntakePlace("point", zone.Code, zone.Name, draft.Lat, draft.Lon)
            : new IntakePlace(request.Kelurahan is null ? "address" : "kelurahan", place.ZoneCode, place.ZoneName, place.Lat, place.Lon);
        switch (result.Result)
        {
            case Created<ReportAccepted> created:
                if (place is not null)
                {
                    var words = request.Kelurahan ?? request.Address;
                    await grains.Complaint(created.Value!.Id).AddNoteAsync(
                        new OperatorAction(user.Identity?.Name ?? user.UserId(), null), $"Place from the {where.ResolvedFrom} '{words}': kelurahan {place.ZoneName}, at its centre.");
                }

                return TypedResults.Created(created.Location, Accepted(created.Value!, request.Channel!, where));
            case Ok<ReportAccepted> replayed:
                return TypedResults.Ok(Accepted(replayed.Value!, request.Channel!, where));
            case ValidationProblem invalid:
                return invalid;
            default:
                return (ProblemHttpResult)result.Result;
        }
    }

    private static IntakeAccepted Accepted(ReportAccepted report, string channel, IntakePlace place) =>
        new(report.Id, report.Id, report.Status, channel, report.TrackingUrl, report.Replayed, place);

    /// <summary>Exactly one of location, kelurahan and address; the words resolved to a point in the named kelurahan.</summary>
    private static ResolvedPlace? ResolvePlace(OperatorIntakeRequest request, PlaceFinder places, ValidationErrors errors)
    {
        var given = (request.Location is null ? 0 : 1) + (request.Kelurahan is null ? 0 : 1) + (request.Address is null ? 0 : 1);
        if (given != 1)
        {
            errors.Add("place", "Give exactly one of location {lat, lon}, kelurahan or address.");
            return null;
        }

        if (request.Kelurahan is { } kelurahan)
        {
            var found = kelurahan.Length <= 200 && CleanText.IsClean(kelurahan) ? places.FindByName(kelurahan) : null;
            errors.Require(found is not null, "kelurahan", $"Unknown kelurahan '{Truncate(kelurahan)}'. See GET /api/intake/city for the names.");
            return found;
        }

        if (request.Address is { } address)
        {
            var found = address.Length <= 500 && CleanText.IsClean(address) ? places.FindInText(address) : null;
            errors.Require(found is not null, "address", "No single kelurahan of the city is named in this address; add the kelurahan, or pick the point on the map.");
            return found;
        }

        return null;
    }

    /// <summary>
    /// The shared report checks name lat, lon, location and contact: here the point came in "location" and the
    /// contact is the caller's phone. A point resolved from words is inside the city; when words did not
    /// resolve, the kelurahan or address error already says so.
    /// </summary>
    private static ValidationErrors Renamed(ValidationErrors checks, bool pointGiven)
    {
        var renamed = new ValidationErrors();
        foreach (var (field, messages) in checks.ToDictionary())
        {
            if (!pointGiven && field is "lat" or "lon" or "location")
            {
                continue;
            }

            var name = field switch
            {
                "lat" or "lon" => $"location.{field}",
                "contact" => "callerPhone",
                _ => field,
            };
            foreach (var message in messages)
            {
                renamed.Add(name, message);
            }
        }

        return renamed;
    }

    private static bool IsPhone(string phone)
    {
        var trimmed = phone.Trim();
        return trimmed.Length is >= 3 and <= MaxCallerPhone
            && trimmed.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')')
            && trimmed.Count(char.IsAsciiDigit) >= 3;
    }

    private static string Truncate(string text) => text.Length <= 60 ? text : text[..60] + "...";
}
