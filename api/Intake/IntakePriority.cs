using TangerangLive.Api.Ops;
using TangerangLive.Api.Problems;
using TangerangLive.Grains.City;
using TangerangLive.Grains.Complaints;

namespace TangerangLive.Api.Intake;

/// <summary>A priority given at intake instead of the category's: 1 (highest) to 4, always with a reason.</summary>
public static class IntakePriority
{
    public static PriorityOverride? Check(int? priority, string? reason, ValidationErrors errors)
    {
        if (priority is not { } value)
        {
            errors.Require(reason is null, "priorityReason", "A priority reason goes with a priority.");
            return null;
        }

        errors.Require(value is >= CategoryDefinition.HighestPriority and <= CategoryDefinition.LowestPriority, "priority", "Priority is 1 (highest) to 4 (lowest).");
        var trimmed = reason?.Trim();
        errors.Require(trimmed is { Length: > 0 and <= OpsOverrideApi.MaxReason }, "priorityReason", $"Overriding the priority needs a reason of 1-{OpsOverrideApi.MaxReason} characters.");
        errors.CheckText("priorityReason", trimmed);
        return new PriorityOverride(value, trimmed ?? string.Empty);
    }
}
