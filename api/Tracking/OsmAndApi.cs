using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using TangerangLive.Api.Auth;
using TangerangLive.Api.Field;
using TangerangLive.Api.Observability;
using TangerangLive.Api.Problems;
using TangerangLive.Grains.Dispatch;
using TangerangLive.Grains.Officers;

namespace TangerangLive.Api.Tracking;

/// <summary>
/// Positions from OsmAnd and every Traccar Client at GET or POST /osmand: the OsmAnd query shape in the
/// query string or a url-encoded form (<see cref="OsmAndQuery"/>), or the JSON body of the current
/// Traccar Client (<see cref="TraccarJson"/>). The device id, registered on the roster, names the officer.
/// A fix the device calls mock is used and flagged (<c>MockLocation</c>) on the officer's record.
/// </summary>
public static class OsmAndApi
{
    public static IEndpointRouteBuilder MapOsmAndApi(this IEndpointRouteBuilder routes)
    {
        var osmand = routes.MapGroup("/osmand").WithTags("Tracking: OsmAnd / Traccar Client").AllowAnonymous().RequireRateLimiting(RateLimits.Tracking);
        osmand.MapGet("/", Receive);
        osmand.MapPost("/", Receive).DisableAntiforgery().WithBodyLimit(16 * 1024);
        return routes;
    }

    private static async Task<Results<Ok, ValidationProblem, ProblemHttpResult>> Receive(
        HttpRequest request, DeviceDirectory devices, IGrainFactory grains, IOptions<DispatchTimingOptions> timing, TimeProvider time, EngineMetrics metrics,
        IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        metrics.OsmAndPing();
        var errors = new ValidationErrors();
        var ping = TraccarJson.IsJson(request)
            ? await TraccarJson.ReadAsync(request, json.Value.SerializerOptions, errors, cancellationToken)
            : await OsmAndQuery.ReadAsync(request, errors, cancellationToken);
        var deviceField = ping.FieldName("deviceId");
        errors.Require(ping.DeviceId is { Length: > 0 and <= 64 }, deviceField, "The device id is required, at most 64 characters.");
        errors.CheckText(deviceField, ping.DeviceId);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var now = time.GetUtcNow();
        var heartbeat = new HeartbeatRequest(ping.Lat, ping.Lon, ping.DeviceTime ?? now, ping.AccuracyMetres, ping.SpeedKmh, ping.BatteryPercent);
        if (HeartbeatValidation.Check(heartbeat, now, errors, rename: ping.FieldName) is not { } position)
        {
            return errors.ToProblem();
        }

        if (await devices.FindOfficerAsync(ping.DeviceId!, cancellationToken) is not { } officerId)
        {
            return CommandProblems.NotFound("device registered on the roster");
        }

        var ack = await grains.ReportPositionAsync(officerId, ping.Mock ? position with { Mock = true } : position, timing.Value);
        if (ack.OnRoster)
        {
            metrics.HeartbeatsAccepted();
        }

        return ack.OnRoster ? TypedResults.Ok() : CommandProblems.NotFound("officer on the roster for this device");
    }
}
