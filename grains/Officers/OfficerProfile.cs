namespace TangerangLive.Grains.Officers;

/// <summary>Who an officer is: set by admins on the roster.</summary>
[GenerateSerializer, Immutable]
public sealed record OfficerProfile(
    [property: Id(0)] string OfficerId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Agency,
    [property: Id(3)] string Team,
    [property: Id(4)] string Shift,
    [property: Id(5)] IReadOnlyList<string> DeviceIds,
    [property: Id(6)] bool Active)
{
    /// <summary>
    /// This profile with its agency, team and shift codes as the one shared instance of each value
    /// (<see cref="SharedStrings"/>); itself when they already are. Every officer repeats these few values.
    /// </summary>
    public OfficerProfile WithSharedCodes()
    {
        var (agency, team, shift) = (SharedStrings.Get(Agency), SharedStrings.Get(Team), SharedStrings.Get(Shift));
        return ReferenceEquals(agency, Agency) && ReferenceEquals(team, Team) && ReferenceEquals(shift, Shift)
            ? this
            : this with { Agency = agency, Team = team, Shift = shift };
    }
}
