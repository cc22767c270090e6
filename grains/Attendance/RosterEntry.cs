using System.Collections.Immutable;
using Orleans;

namespace TangerangLive.Grains.Attendance;

/// <summary>
/// Which shift an officer works: a usual shift name plus per-day overrides, where an override with
/// no shift name is a day off.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RosterEntry(
    [property: Id(0)] string OfficerId,
    [property: Id(1)] string ShiftName,
    [property: Id(2)] ImmutableDictionary<DateOnly, string?> Overrides)
{
    /// <summary>A roster entry with no overrides.</summary>
    public RosterEntry(string officerId, string shiftName)
        : this(officerId, shiftName, ImmutableDictionary<DateOnly, string?>.Empty)
    {
    }

    /// <summary>This entry with <paramref name="day"/> worked on <paramref name="shiftName"/> instead.</summary>
    public RosterEntry WithShiftOn(DateOnly day, string shiftName) =>
        this with { Overrides = Overrides.SetItem(day, shiftName) };

    /// <summary>This entry with <paramref name="day"/> off.</summary>
    public RosterEntry WithDayOff(DateOnly day) => this with { Overrides = Overrides.SetItem(day, null) };

    /// <summary>The shift name worked on <paramref name="day"/>, or null for a day off.</summary>
    public string? ShiftNameOn(DateOnly day) => Overrides.TryGetValue(day, out var name) ? name : ShiftName;

    /// <summary>
    /// The shift worked on <paramref name="day"/>, looked up by name (ordinal, case-insensitive) in
    /// <paramref name="shifts"/>; null for a day off. Throws when the roster names an unknown shift.
    /// </summary>
    public ShiftDefinition? ShiftOn(DateOnly day, IEnumerable<ShiftDefinition> shifts)
    {
        ArgumentNullException.ThrowIfNull(shifts);
        var name = ShiftNameOn(day);
        if (name is null)
        {
            return null;
        }

        return shifts.FirstOrDefault(shift => string.Equals(shift.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException(
                $"Officer {OfficerId} is rostered on unknown shift '{name}' on {day:yyyy-MM-dd}.");
    }
}
