using TangerangLive.Grains.Officers;

namespace TangerangLive.Api.Admin;

/// <summary>Checks a roster entry and names every field that is wrong.</summary>
internal static class RosterValidation
{
    public static Dictionary<string, string[]> Validate(string officerId, OfficerRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (!OfficerKey.IsValidId(officerId))
        {
            errors["officerId"] = ["Officer id must be 1-64 letters, digits, '.', '_' or '-'."];
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 120)
        {
            errors["name"] = ["Name is required, at most 120 characters."];
        }

        if (string.IsNullOrWhiteSpace(request.Agency) || request.Agency.Length > 32)
        {
            errors["agency"] = ["Agency is required, at most 32 characters."];
        }

        if (request.DeviceIds is { } devices && (devices.Count > 5 || devices.Any(d => string.IsNullOrWhiteSpace(d) || d.Length > 64)))
        {
            errors["deviceIds"] = ["At most 5 device ids, each 1-64 characters."];
        }

        return errors;
    }
}
