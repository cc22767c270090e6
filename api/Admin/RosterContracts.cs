using System.ComponentModel.DataAnnotations;

namespace TangerangLive.Api.Admin;

/// <summary>An officer's roster entry as admins send it.</summary>
public sealed record OfficerRequest(
    [property: Required, StringLength(120, MinimumLength = 1)] string Name,
    [property: Required, StringLength(32, MinimumLength = 1)] string Agency,
    [property: StringLength(64)] string? Team,
    [property: StringLength(32)] string? Shift,
    IReadOnlyList<string>? DeviceIds,
    bool Active = true);
