using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;
using TangerangLive.Api.Auth;
using TangerangLive.Api.Field;
using TangerangLive.Api.Observability;
using TangerangLive.Api.Problems;
using TangerangLive.Grains.Officers;

namespace TangerangLive.Api.Tracking;

/// <summary>
/// The OsmAnd protocol Traccar Client and OsmAnd speak: GET or POST /osmand?id=DEVICE&amp;lat=..&amp;lon=..
/// &amp;timestamp=..&amp;speed=..(knots)&amp;bearing=..&amp;altitude=..&amp;accuracy=..&amp;batt=.. (query or form fields).
/// The device id, registered on the roster, names the officer.
/// </summary>
public static class OsmAndApi
{
    private const double KnotsToKmh = 1.852;

    /// <summary>The earliest and latest unix seconds a DateTimeOffset can hold.</summary>
    private static readonly double MinUnix = DateTimeOffset.MinValue.ToUnixTimeSeconds();
    private static readonly double MaxUnix = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    public static IEndpointRouteBuilder MapOsmAndApi(this IEndpointRouteBuilder routes)
    {
        var osmand = routes.MapGroup("/osmand").WithTags("Tracking: OsmAnd / Traccar Client").AllowAnonymous().RequireRateLimiting(RateLimits.Tracking);
        osmand.MapGet("/", Receive);
        osmand.MapPost("/", Receive).DisableAntiforgery().WithBodyLimit(16 * 1024);
        return routes;
    }

    private static async Task<Results<Ok, ValidationProblem, ProblemHttpResult>> Receive(
        HttpRequest request, DeviceDirectory devices, IGrainFactory grains, TimeProvider time, EngineMetrics metrics, CancellationToken cancellationToken)
    {
        metrics.OsmAndPing();
        var fields = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : null;
        string? Field(string name) => request.Query.TryGetValue(name, out var q) ? Text(q) : fields is not null && fields.TryGetValue(name, out var f) ? Text(f) : null;

        var errors = new ValidationErrors();
        var deviceId = Field("id") ?? Field("deviceid");
        errors.Require(deviceId is { Length: > 0 and <= 64 }, "id", "The device id is required, at most 64 characters.");
        errors.CheckText("id", deviceId);
        var now = time.GetUtcNow();
        var heartbeat = new HeartbeatRequest(
            Number(Field("lat"), "lat", errors),
            Number(Field("lon"), "lon", errors),
            Timestamp(Field("timestamp"), now, errors),
            Number(Field("accuracy"), "accuracy", errors),
            Number(Field("speed"), "speed", errors) * KnotsToKmh,
            Number(Field("batt"), "batt", errors));
        Number(Field("bearing"), "bearing", errors);
        Number(Field("altitude"), "altitude", errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var position = HeartbeatValidation.Check(heartbeat, now, errors, rename: field => field switch
        {
            "deviceTime" => "timestamp",
            "battery" => "batt",
            _ => field,
        });
        if (position is null)
        {
            return errors.ToProblem();
        }

        if (await devices.FindOfficerAsync(deviceId!, cancellationToken) is not { } officerId)
        {
            return CommandProblems.NotFound("device registered on the roster");
        }

        var ack = await grains.Officer(officerId).ReportPositionAsync(position);
        if (ack.OnRoster)
        {
            metrics.HeartbeatsAccepted();
        }

        return ack.OnRoster ? TypedResults.Ok() : CommandProblems.NotFound("officer on the roster for this device");
    }

    private static string? Text(StringValues values) => values.Count == 1 && values[0] is { Length: > 0 } text ? text : null;

    private static double? Number(string? text, string field, ValidationErrors errors)
    {
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        errors.Add(field, $"{field} must be a finite number.");
        return null;
    }

    /// <summary>Unix seconds (or milliseconds), or ISO 8601; absent means now.</summary>
    private static DateTimeOffset? Timestamp(string? text, DateTimeOffset now, ValidationErrors errors)
    {
        if (text is null)
        {
            return now;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var unix))
        {
            var seconds = Math.Abs(unix) > 1e11 ? unix / 1000 : unix;
            if (double.IsFinite(seconds) && seconds > MinUnix && seconds < MaxUnix)
            {
                return DateTimeOffset.UnixEpoch.AddSeconds(seconds);
            }

            errors.Add("timestamp", "timestamp is outside the years 1-9999.");
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        errors.Add("timestamp", "timestamp must be unix seconds or ISO 8601.");
        return null;
    }
}
