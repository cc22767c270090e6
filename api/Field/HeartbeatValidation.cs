using TangerangLive.Api.Problems;
using TangerangLive.Api.Reports;
using TangerangLive.Grains.Officers;

namespace TangerangLive.Api.Field;

/// <summary>Checks positions from phones and trackers.</summary>
public static class HeartbeatValidation
{
    public const int MaxBatch = 100;
    /// <summary>How far ahead of the server clock a fix may be; further is a wrong clock or a replay being prepared.</summary>
    public static readonly TimeSpan MaxFuture = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MaxAge = TimeSpan.FromDays(1);

    /// <summary>The position, or null with the fields named in <paramref name="errors"/> (prefixed for batches).</summary>
    public static PositionReport? Check(HeartbeatRequest request, DateTimeOffset now, ValidationErrors errors, string prefix = "", Func<string, string>? rename = null)
    {
        var local = new ValidationErrors();
        ReportValidation.CheckCoordinate(local, "lat", request.Lat, 90);
        ReportValidation.CheckCoordinate(local, "lon", request.Lon, 180);
        if (request.DeviceTime is not { } at)
        {
            local.Add("deviceTime", "deviceTime is required.");
        }
        else if (at > now + MaxFuture || at < now - MaxAge)
        {
            local.Add("deviceTime", $"deviceTime must be within the last day and at most {MaxFuture.TotalSeconds:0} s in the future.");
        }

        CheckRange(local, "accuracy", request.Accuracy, 0, 100_000);
        CheckRange(local, "speed", request.Speed, 0, 500);
        CheckRange(local, "battery", request.Battery, 0, 100);
        foreach (var (field, messages) in local.ToDictionary())
        {
            foreach (var message in messages)
            {
                errors.Add(prefix + (rename?.Invoke(field) ?? field), message);
            }
        }

        return local.Any ? null : new PositionReport(request.Lat!.Value, request.Lon!.Value, request.DeviceTime!.Value, request.Accuracy, request.Speed, request.Battery);
    }

    public static void CheckRange(ValidationErrors errors, string field, double? value, double min, double max)
    {
        if (value is { } v && (!double.IsFinite(v) || v < min || v > max))
        {
            errors.Add(field, $"{field} must be a finite number between {min} and {max}.");
        }
    }
}
