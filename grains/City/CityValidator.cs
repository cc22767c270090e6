namespace TangerangLive.Grains.City;

/// <summary>
/// Checks a <see cref="CityDefinition"/> and names every problem by its JSON path, for example
/// <c>categories[3].agency: unknown agency 'Dinsos'</c>.
/// </summary>
public static partial class CityValidator
{
    /// <summary>Every problem found; empty when the definition is usable.</summary>
    public static IReadOnlyList<string> Validate(CityDefinition city)
    {
        ArgumentNullException.ThrowIfNull(city);
        var errors = new List<string>();
        Required(errors, "id", city.Id);
        Required(errors, "name", city.Name);
        ValidateTimeZone(errors, city.TimeZone);
        ValidateBounds(errors, city.BoundingBox);
        ValidateZones(errors, city.Zones);
        var agencies = ValidateAgencies(errors, city.Agencies);
        ValidateCategories(errors, city.Categories, agencies);
        ValidateShifts(errors, city.Shifts);
        ValidatePolicies(errors, city);
        return errors;
    }

    /// <summary>Throws <see cref="CityDefinitionException"/> when the definition has problems.</summary>
    public static CityDefinition EnsureValid(CityDefinition city)
    {
        var errors = Validate(city);
        return errors.Count == 0 ? city : throw new CityDefinitionException(errors);
    }

    private static void Required(List<string> errors, string path, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{path}: is required");
        }
    }

    private static void ValidateTimeZone(List<string> errors, string? timeZone)
    {
        if (string.IsNullOrWhiteSpace(timeZone))
        {
            errors.Add("timeZone: is required");
        }
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            errors.Add($"timeZone: unknown time zone '{timeZone}'");
        }
    }

    private static void ValidateBounds(List<string> errors, GeoBounds? box)
    {
        if (box is null)
        {
            errors.Add("boundingBox: is required");
            return;
        }

        if (!(box.MinLat >= -90 && box.MaxLat <= 90 && box.MinLat < box.MaxLat))
        {
            errors.Add($"boundingBox: latitudes must satisfy -90 <= minLat < maxLat <= 90 (got {box.MinLat}, {box.MaxLat})");
        }

        if (!(box.MinLon >= -180 && box.MaxLon <= 180 && box.MinLon < box.MaxLon))
        {
            errors.Add($"boundingBox: longitudes must satisfy -180 <= minLon < maxLon <= 180 (got {box.MinLon}, {box.MaxLon})");
        }
    }

    private static void ValidateZones(List<string> errors, ZoneSourceDefinition? zones)
    {
        if (zones is null)
        {
            errors.Add("zones: is required");
            return;
        }

        if (string.Equals(zones.Source, ZoneSourceDefinition.GeoJson, StringComparison.OrdinalIgnoreCase))
        {
            Required(errors, "zones.path", zones.Path);
            Required(errors, "zones.codeProperty", zones.CodeProperty);
        }
        else if (!string.Equals(zones.Source, ZoneSourceDefinition.BuiltIn, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"zones.source: must be '{ZoneSourceDefinition.BuiltIn}' or '{ZoneSourceDefinition.GeoJson}' (got '{zones.Source}')");
        }
    }

    private static HashSet<string> ValidateAgencies(List<string> errors, IReadOnlyList<AgencyDefinition>? agencies)
    {
        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (agencies is null || agencies.Count == 0)
        {
            errors.Add("agencies: at least one agency is required");
            return codes;
        }

        for (var i = 0; i < agencies.Count; i++)
        {
            var a = agencies[i];
            var path = $"agencies[{i}]";
            if (a is null)
            {
                errors.Add($"{path}: is null");
                continue;
            }

            Required(errors, path + ".code", a.Code);
            Required(errors, path + ".name", a.Name);
            if (!string.IsNullOrWhiteSpace(a.Code) && !codes.Add(a.Code))
            {
                errors.Add($"{path}.code: duplicate agency code '{a.Code}'");
            }
        }

        return codes;
    }

    private static void ValidateCategories(List<string> errors, IReadOnlyList<CategoryDefinition>? categories, HashSet<string> agencies)
    {
        if (categories is null || categories.Count == 0)
        {
            errors.Add("categories: at least one category is required");
            return;
        }

        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < categories.Count; i++)
        {
            var c = categories[i];
            var path = $"categories[{i}]";
            if (c is null)
            {
                errors.Add($"{path}: is null");
                continue;
            }

            Required(errors, path + ".code", c.Code);
            Required(errors, path + ".name", c.Name);
            if (!string.IsNullOrWhiteSpace(c.Code) && !codes.Add(c.Code))
            {
                errors.Add($"{path}.code: duplicate category code '{c.Code}'");
            }

            if (string.IsNullOrWhiteSpace(c.Agency))
            {
                errors.Add($"{path}.agency: is required");
            }
            else if (!agencies.Contains(c.Agency))
            {
                errors.Add($"{path}.agency: unknown agency '{c.Agency}' (known: {string.Join(", ", agencies)})");
            }

            if (c.Priority is < CategoryDefinition.HighestPriority or > CategoryDefinition.LowestPriority)
            {
                errors.Add($"{path}.priority: must be {CategoryDefinition.HighestPriority}..{CategoryDefinition.LowestPriority} (got {c.Priority})");
            }

            Positive(errors, path + ".ackDeadlineSeconds", c.AckDeadlineSeconds);
            Positive(errors, path + ".maxAttempts", c.MaxAttempts);
            Positive(errors, path + ".maxRadiusMetres", c.MaxRadiusMetres);
            Positive(errors, path + ".slaMinutes", c.SlaMinutes);
            ValidateAttributes(errors, path + ".attributes", c.AttributeList);
        }
    }

    private static void ValidateShifts(List<string> errors, IReadOnlyList<ShiftDefinition>? shifts)
    {
        if (shifts is null || shifts.Count == 0)
        {
            errors.Add("shifts: at least one shift is required");
            return;
        }

        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < shifts.Count; i++)
        {
            var s = shifts[i];
            var path = $"shifts[{i}]";
            if (s is null)
            {
                errors.Add($"{path}: is null");
                continue;
            }

            Required(errors, path + ".code", s.Code);
            if (!string.IsNullOrWhiteSpace(s.Code) && !codes.Add(s.Code))
            {
                errors.Add($"{path}.code: duplicate shift code '{s.Code}'");
            }

            if (ShiftDefinition.TryParseStart(s.Start) is null)
            {
                errors.Add($"{path}.start: must be a local time '{ShiftDefinition.StartFormat}' (got '{s.Start}')");
            }

            if (!(s.DurationHours > 0 && s.DurationHours <= 24))
            {
                errors.Add($"{path}.durationHours: must be in (0, 24] (got {s.DurationHours})");
            }
        }
    }

    private static void ValidatePolicies(List<string> errors, CityDefinition city)
    {
        if (city.Liveness is null)
        {
            errors.Add("liveness: is required");
        }
        else
        {
            Positive(errors, "liveness.heartbeatIntervalSeconds", city.Liveness.HeartbeatIntervalSeconds);
            if (city.Liveness.OfflineThresholdSeconds < 2 * city.Liveness.HeartbeatIntervalSeconds)
            {
                errors.Add($"liveness.offlineThresholdSeconds: must be at least twice the heartbeat interval (got {city.Liveness.OfflineThresholdSeconds})");
            }
        }

        if (city.Attendance is null)
        {
            errors.Add("attendance: is required");
        }
        else
        {
            var a = city.Attendance;
            if (!(a.PartialCoverage > 0 && a.PartialCoverage <= a.PresentCoverage && a.PresentCoverage <= 1))
            {
                errors.Add($"attendance: coverages must satisfy 0 < partialCoverage <= presentCoverage <= 1 (got {a.PartialCoverage}, {a.PresentCoverage})");
            }

            if (a.HonorariumDailyRateIdr < 0)
            {
                errors.Add($"attendance.honorariumDailyRateIdr: must not be negative (got {a.HonorariumDailyRateIdr})");
            }
        }

        if (city.Duplicates is null)
        {
            errors.Add("duplicates: is required");
        }
        else
        {
            if (!(city.Duplicates.RadiusMetres >= 0))
            {
                errors.Add($"duplicates.radiusMetres: must not be negative (got {city.Duplicates.RadiusMetres})");
            }

            if (city.Duplicates.WindowMinutes < 0)
            {
                errors.Add($"duplicates.windowMinutes: must not be negative (got {city.Duplicates.WindowMinutes})");
            }
        }
    }

    private static void Positive(List<string> errors, string path, double value)
    {
        if (!(value > 0))
        {
            errors.Add($"{path}: must be positive (got {value})");
        }
    }
}
