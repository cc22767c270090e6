using TangerangLive.Api.Problems;
using TangerangLive.Grains.Officers;

namespace TangerangLive.Api.Admin;

/// <summary>Checks a roster entry and names every field that is wrong.</summary>
internal static class RosterValidation
{
    public static Dictionary<string, string[]> Validate(string officerId, OfficerRequest request)
    {
        var errors = new ValidationErrors();
        errors.Require(OfficerKey.IsValidId(officerId), "officerId", "Officer id must be 1-64 letters, digits, '.', '_' or '-'.");
        errors.Require(!string.IsNullOrWhiteSpace(request.Name) && request.Name.Length <= 120, "name", "Name is required, at most 120 characters.");
        errors.Require(!string.IsNullOrWhiteSpace(request.Agency) && request.Agency.Length <= 32, "agency", "Agency is required, at most 32 characters.");
        errors.Require(request.Team is not { Length: > 64 }, "team", "Team is at most 64 characters.");
        errors.Require(request.Shift is not { Length: > 32 }, "shift", "Shift is at most 32 characters.");
        errors.Require(request.DeviceIds is not { } devices || (devices.Count <= 5 && devices.All(d => !string.IsNullOrWhiteSpace(d) && d.Length <= 64)),
            "deviceIds", "At most 5 device ids, each 1-64 characters.");
        errors.CheckText("name", request.Name);
        errors.CheckText("agency", request.Agency);
        errors.CheckText("team", request.Team);
        errors.CheckText("shift", request.Shift);
        for (var i = 0; i < (request.DeviceIds?.Count ?? 0); i++)
        {
            errors.CheckText($"deviceIds[{i}]", request.DeviceIds![i]);
        }

        return new Dictionary<string, string[]>(errors.ToDictionary());
    }
}
