using System.Globalization;
using Microsoft.AspNetCore.Http;
using TangerangLive.Grains;
using TangerangLive.Grains.Complaints;

namespace TangerangLive.Api.Open311;

/// <summary>
/// The query string of GET requests and servicerequestupdates: the spec's filters, paging (page,
/// page_size) and updated_after/updated_before. Every bad value becomes an error naming the parameter.
/// </summary>
public static class Open311Filters
{
    public const int MaxPageSize = 1000;
    public const int MaxIds = 1000;
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(90);

    public static Open311Query? Parse(IQueryCollection query, CityModel city, DateTimeOffset now, List<string> errors)
    {
        var (page, pageSize) = Paging(query, errors);
        var ids = List(query, "service_request_id");
        if (ids is not null && (ids.Count > MaxIds || ids.Any(id => !ComplaintKey.IsValidId(id))))
        {
            errors.Add($"service_request_id: a comma-separated list of at most {MaxIds} ids like TL-7Q2M9KX4D3PA.");
        }

        var codes = List(query, "service_code");
        foreach (var code in codes ?? [])
        {
            if (city.Definition.FindCategory(code) is null)
            {
                errors.Add($"service_code: unknown service '{code}'.");
            }
        }

        var statuses = List(query, "status");
        List<string>? ours = null;
        if (statuses is not null)
        {
            ours = [];
            foreach (var status in statuses)
            {
                switch (status.ToLowerInvariant())
                {
                    case Open311Status.Open: ours.AddRange(Open311Status.OpenStatuses); break;
                    case Open311Status.Closed: ours.AddRange(Open311Status.ClosedStatuses); break;
                    default: errors.Add($"status: '{status}' is neither open nor closed."); break;
                }
            }
        }

        var (from, to) = Window(query, city, now, errors);
        var updatedAfter = Date(query, "updated_after", city, errors);
        var updatedBefore = Date(query, "updated_before", city, errors);
        return errors.Count > 0 ? null : new Open311Query(ids, codes, ours, from, to, updatedAfter, updatedBefore, page, pageSize);
    }

    /// <summary>start_date and end_date: at most 90 days apart; by default the 90 days up to now (or the 90 days after start_date).</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Window(IQueryCollection query, CityModel city, DateTimeOffset now, List<string> errors)
    {
        var start = Date(query, "start_date", city, errors);
        var end = Date(query, "end_date", city, errors);
        var to = end ?? (start is { } s ? s + MaxSpan : now);
        var from = start ?? to - MaxSpan;
        if (from > to)
        {
            errors.Add("end_date: must not be before start_date.");
        }
        else if (to - from > MaxSpan)
        {
            errors.Add($"end_date: start_date and end_date may be at most {MaxSpan.TotalDays} days apart.");
        }

        return (from, to);
    }

    public static (int Page, int PageSize) Paging(IQueryCollection query, List<string> errors)
    {
        var page = Integer(query, "page", 1, 1, 1_000_000, errors);
        var pageSize = Integer(query, "page_size", MaxPageSize, 1, MaxPageSize, errors);
        return (page, pageSize);
    }

    /// <summary>A W3C date; one without an offset is read in the city's time zone.</summary>
    public static DateTimeOffset? Date(IQueryCollection query, string name, CityModel city, List<string> errors)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        if (text.Length > 40 || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) || !char.IsAsciiDigit(text[0]))
        {
            errors.Add($"{name}: not an ISO 8601 date, e.g. 2026-11-30T08:00:00+07:00.");
            return null;
        }

        return parsed.Kind switch
        {
            DateTimeKind.Unspecified => new DateTimeOffset(parsed, city.TimeZone.GetUtcOffset(parsed)),
            _ => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        };
    }

    private static List<string>? List(IQueryCollection query, string name)
    {
        var text = query[name].ToString();
        return text.Length == 0 ? null : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
    }

    private static int Integer(IQueryCollection query, string name, int fallback, int min, int max, List<string> errors)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add($"{name}: a whole number from {min} to {max}.");
        return fallback;
    }
}
