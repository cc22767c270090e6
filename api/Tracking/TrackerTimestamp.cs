using System.Globalization;
using TangerangLive.Api.Problems;

namespace TangerangLive.Api.Tracking;

/// <summary>
/// Tracker times: unix seconds or milliseconds (told apart by size), ISO 8601 with or without an
/// offset, and <c>yyyy-MM-dd HH:mm:ss</c>. A time without an offset is UTC. A '+' of an offset that
/// arrived unescaped in a query string (and so became a space) is read as '+'.
/// </summary>
internal static class TrackerTimestamp
{
    /// <summary>Above this a number is milliseconds: 1e11 seconds is the year 5138, 1e11 ms is 1973.</summary>
    private const double MillisecondsFrom = 1e11;
    private static readonly double MinUnix = DateTimeOffset.MinValue.ToUnixTimeSeconds();
    private static readonly double MaxUnix = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    public static DateTimeOffset? Parse(string text, string field, ValidationErrors errors)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var unix))
        {
            return FromUnix(unix, field, errors);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        // "2025-03-03T09:00:00 07:00": the query decoder turned the offset's '+' into a space.
        if (text.Length > 6 && text[^6] == ' ' && text[^3] == ':'
            && DateTimeOffset.TryParse(string.Concat(text.AsSpan(0, text.Length - 6), "+", text.AsSpan(text.Length - 5)), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out parsed))
        {
            return parsed;
        }

        errors.Add(field, $"{field} must be unix seconds or milliseconds, ISO 8601, or yyyy-MM-dd HH:mm:ss.");
        return null;
    }

    public static DateTimeOffset? FromUnix(double unix, string field, ValidationErrors errors)
    {
        var seconds = Math.Abs(unix) > MillisecondsFrom ? unix / 1000 : unix;
        if (double.IsFinite(seconds) && seconds > MinUnix && seconds < MaxUnix)
        {
            return DateTimeOffset.UnixEpoch.AddSeconds(seconds);
        }

        errors.Add(field, $"{field} is outside the years 1-9999.");
        return null;
    }
}
