namespace TangerangLive.Api.Tracking;

/// <summary>
/// What a tracker said, whichever OsmAnd or Traccar Client shape it came in, already in our units
/// (degrees, km/h, metres, battery percent). Field names for errors are the shape's own.
/// </summary>
internal sealed class TrackerPing
{
    public string? DeviceId { get; set; }

    public double? Lat { get; set; }

    public double? Lon { get; set; }

    /// <summary>Null when the tracker sent no time: the fix is taken as made now.</summary>
    public DateTimeOffset? DeviceTime { get; set; }

    public double? AccuracyMetres { get; set; }

    public double? SpeedKmh { get; set; }

    public double? BatteryPercent { get; set; }

    /// <summary>The device marked the fix as coming from a mock-location provider.</summary>
    public bool Mock { get; set; }

    /// <summary>How this shape names our fields in its errors (lat, deviceTime, battery ...).</summary>
    public required Func<string, string> FieldName { get; init; }
}
