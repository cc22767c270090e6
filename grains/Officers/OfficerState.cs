namespace TangerangLive.Grains.Officers;

/// <summary>The officer's persisted state (state name "officer").</summary>
[GenerateSerializer]
public sealed class OfficerState
{
    [Id(0)]
    public OfficerProfile? Profile { get; set; }

    [Id(1)]
    public DateTimeOffset RegisteredAt { get; set; }

    [Id(2)]
    public DateTimeOffset UpdatedAt { get; set; }
}
