using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using TangerangLive.Api.Problems;

namespace TangerangLive.Api.Tracking;

/// <summary>
/// The JSON body of the current Traccar Client (built on a background-geolocation library):
/// <c>{"location": {"coords": {latitude, longitude, accuracy, speed (m/s), heading, altitude},
/// "timestamp", "is_moving", "odometer", "event", "mock", "battery": {level (0-1), is_charging},
/// "activity", "extras"}, "device_id"}</c>. Negative speed, heading, accuracy or battery level mean
/// "unknown". Members not named here are ignored.
/// </summary>
internal static class TraccarJson
{
    public static bool IsJson(HttpRequest request) =>
        request.ContentLength is not 0 && request.ContentType is { } type && type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the body; malformed JSON or a wrongly typed member is a 400 naming it (as for any JSON body).</summary>
    public static async Task<TrackerPing> ReadAsync(HttpRequest request, JsonSerializerOptions options, ValidationErrors errors, CancellationToken cancellationToken)
    {
        TraccarBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<TraccarBody>(request.Body, options, cancellationToken);
        }
        catch (JsonException json)
        {
            throw new BadHttpRequestException("The Traccar Client JSON could not be read.", StatusCodes.Status400BadRequest, json);
        }

        var location = body?.Location;
        var coords = location?.Coords;
        return new TrackerPing
        {
            DeviceId = body?.DeviceId,
            Lat = coords?.Latitude,
            Lon = coords?.Longitude,
            DeviceTime = location?.Timestamp is { } timestamp ? TrackerTimestamp.Parse(timestamp, "location.timestamp", errors) : null,
            AccuracyMetres = Known(coords?.Accuracy),
            SpeedKmh = Known(coords?.Speed) * 3.6,
            BatteryPercent = Known(location?.Battery?.Level) is { } level ? (level <= 1 ? level * 100 : level) : null,
            Mock = location?.Mock ?? false,
            FieldName = field => field switch
            {
                "deviceId" => "device_id",
                "lat" => "location.coords.latitude",
                "lon" => "location.coords.longitude",
                "accuracy" => "location.coords.accuracy",
                "speed" => "location.coords.speed",
                "deviceTime" => "location.timestamp",
                "battery" => "location.battery.level",
                _ => "location." + field,
            },
        };
    }

    /// <summary>The library's "unknown" is a negative number.</summary>
    private static double? Known(double? value) => value is >= 0 ? value : null;

    private sealed record TraccarBody([property: JsonPropertyName("device_id")] string? DeviceId, TraccarLocation? Location);

    private sealed record TraccarLocation(
        TraccarCoords? Coords,
        [property: JsonConverter(typeof(TimestampText))] string? Timestamp,
        bool? Mock,
        TraccarBattery? Battery);

    private sealed record TraccarCoords(double? Latitude, double? Longitude, double? Accuracy, double? Speed, double? Heading, double? Altitude);

    private sealed record TraccarBattery(double? Level);

    /// <summary>The timestamp as text, whether sent as an ISO string or as a number (unix seconds or ms).</summary>
    private sealed class TimestampText : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => reader.HasValueSequence ? Encoding.UTF8.GetString(reader.ValueSequence) : Encoding.UTF8.GetString(reader.ValueSpan),
            _ => throw new JsonException("timestamp must be a string or a number."),
        };

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
