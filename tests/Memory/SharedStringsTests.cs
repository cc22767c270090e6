using TangerangLive.Grains;
using TangerangLive.Grains.Officers;

namespace TangerangLive.Tests.Memory;

/// <summary>The strings every officer repeats are held once, whoever read them from storage or a token.</summary>
public sealed class SharedStringsTests
{
    [Fact]
    public void Equal_values_read_separately_come_back_as_one_instance()
    {
        var first = new string("memory-test-agency".AsSpan());
        var second = new string("memory-test-agency".AsSpan());
        Assert.NotSame(first, second);

        Assert.Same(SharedStrings.Get(first), SharedStrings.Get(second));
        Assert.Equal("memory-test-agency", SharedStrings.Get(second));
        Assert.Null(SharedStrings.Get(null));
    }

    [Fact]
    public void Two_officers_profiles_share_their_agency_team_and_shift_codes_and_keep_their_own_fields()
    {
        var a = Profile("officer-1", "Budi");
        var b = Profile("officer-2", "Sari");
        Assert.NotSame(a.Agency, b.Agency);

        var (sharedA, sharedB) = (a.WithSharedCodes(), b.WithSharedCodes());

        Assert.Same(sharedA.Agency, sharedB.Agency);
        Assert.Same(sharedA.Team, sharedB.Team);
        Assert.Same(sharedA.Shift, sharedB.Shift);
        Assert.Equal(a, sharedA);
        Assert.Equal(("officer-2", "Sari", "Dishub", "Regu A", "pagi", true), (sharedB.OfficerId, sharedB.Name, sharedB.Agency, sharedB.Team, sharedB.Shift, sharedB.Active));
        Assert.Same(sharedA, sharedA.WithSharedCodes());
    }

    private static OfficerProfile Profile(string id, string name) =>
        new(id, name, new string("Dishub".AsSpan()), new string("Regu A".AsSpan()), new string("pagi".AsSpan()), ["device-" + id], true);
}
