using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using TangerangLive.Api.Problems;

namespace TangerangLive.Api.Tracking;

/// <summary>
/// The OsmAnd query shape, in the query string (GET, or POST with an empty body) or a url-encoded form:
/// <c>id</c> or <c>deviceid</c>, <c>lat</c> and <c>lon</c> or <c>location=lat,lon</c>, <c>timestamp</c>,
/// <c>speed</c> (knots), <c>bearing</c> or <c>heading</c>, <c>altitude</c>, <c>accuracy</c> (metres),
/// <c>hdop</c>, <c>batt</c> (percent), <c>mock</c>. Other fields (cell, wifi, charge, driverUniqueId ...)
/// are ignored. A field in the query wins over the same field in the form.
/// </summary>
internal static class OsmAndQuery
{
    private const double KnotsToKmh = 1.852;

    /// <summary>Metres of error per unit of HDOP, to estimate accuracy when only hdop is sent.</summary>
    private const double MetresPerHdop = 5;

    public static async Task<TrackerPing> ReadAsync(HttpRequest request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : null;
        string? Field(string name) => request.Query.TryGetValue(name, out var q) ? Text(q) : form is not null && form.TryGetValue(name, out var f) ? Text(f) : null;

        var ping = new TrackerPing
        {
            DeviceId = Field("id") ?? Field("deviceid"),
            FieldName = field => field switch
            {
                "deviceId" => "id",
                "deviceTime" => "timestamp",
                "battery" => "batt",
                _ => field,
            },
        };
        ping.Lat = Number(Field("lat"), "lat", errors);
        ping.Lon = Number(Field("lon"), "lon", errors);
        if (Field("location") is { } location)
        {
            ReadLocation(location, ping, errors);
        }

        if (Field("timestamp") is { } timestamp)
        {
            ping.DeviceTime = TrackerTimestamp.Parse(timestamp, "timestamp", errors);
        }

        ping.SpeedKmh = Number(Field("speed"), "speed", errors) * KnotsToKmh;
        var hdop = Number(Field("hdop"), "hdop", errors);
        ping.AccuracyMetres = Number(Field("accuracy"), "accuracy", errors) ?? hdop * MetresPerHdop;
        ping.BatteryPercent = Number(Field("batt"), "batt", errors);
        ping.Mock = Flag(Field("mock"));
        Number(Field("bearing") ?? Field("heading"), Field("bearing") is null ? "heading" : "bearing", errors);
        Number(Field("altitude"), "altitude", errors);
        return ping;
    }

    /// <summary><c>location=lat,lon</c>, as Traccar's OsmAnd decoder takes it.</summary>
    private static void ReadLocation(string location, TrackerPing ping, ValidationErrors errors)
    {
        var comma = location.IndexOf(',', StringComparison.Ordinal);
        if (comma > 0
            && double.TryParse(location.AsSpan(0, comma), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            && double.TryParse(location.AsSpan(comma + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            && double.IsFinite(lat) && double.IsFinite(lon))
        {
            ping.Lat ??= lat;
            ping.Lon ??= lon;
            return;
        }

        errors.Add("location", "location must be 'lat,lon' in decimal degrees.");
    }

    private static bool Flag(string? text) => text is "1" || string.Equals(text, "true", StringComparison.OrdinalIgnoreCase);

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
}
