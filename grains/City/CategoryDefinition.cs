using Orleans;

namespace TangerangLive.Grains.City;

/// <summary>
/// A report category: which agency takes it and how it is dispatched.
/// Priority runs from 1 (highest) to 4 (lowest). <see cref="Attributes"/> are the questions every report of the
/// category answers (none for most categories), in the order a form asks them.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CategoryDefinition(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string Agency,
    [property: Id(3)] int Priority,
    [property: Id(4)] int AckDeadlineSeconds,
    [property: Id(5)] int MaxAttempts,
    [property: Id(6)] double MaxRadiusMetres,
    [property: Id(7)] int SlaMinutes,
    [property: Id(8)] IReadOnlyList<CategoryAttribute>? Attributes = null)
{
    /// <summary>Highest priority value.</summary>
    public const int HighestPriority = 1;

    /// <summary>Lowest priority value.</summary>
    public const int LowestPriority = 4;

    /// <summary>The acknowledgement deadline as a time span.</summary>
    public TimeSpan AckDeadline => TimeSpan.FromSeconds(AckDeadlineSeconds);

    /// <summary>The service level (time to resolve) as a time span.</summary>
    public TimeSpan Sla => TimeSpan.FromMinutes(SlaMinutes);

    /// <summary>The attributes, never null.</summary>
    public IReadOnlyList<CategoryAttribute> AttributeList => Attributes ?? [];
}
