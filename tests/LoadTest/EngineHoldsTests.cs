using TangerangLive.LoadTest.Run;
using TangerangLive.LoadTest.Run.Checks;

namespace TangerangLive.Tests.LoadTest;

/// <summary>
/// The load test's view of who held what: an offer made ahead of a report's write and withdrawn after it (the report a
/// duplicate) is named by no timeline, yet the officer was taken for matching meanwhile; the pushes the phone received
/// show that hold, so the nearest-officer check does not count the officer as free during it.
/// </summary>
public sealed class EngineHoldsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static ReportDetail Report(string id, params (string Kind, string? Officer, double Seconds)[] timeline) =>
        new(id, "Duplicate", "SatpolPP", null, T0, timeline.Select(e => new TimelineItem(T0.AddSeconds(e.Seconds), e.Kind, e.Officer)).ToList());

    [Fact]
    public void An_offer_withdrawn_after_the_write_is_a_hold_that_no_timeline_shows()
    {
        var details = new[] { Report("TL-DUP", ("received", null, 0), ("duplicate", null, 2)) };
        var pushes = new[]
        {
            new HoldEvent("officer-a", "TL-DUP", true, T0.AddSeconds(0.1), "offer push"),
            new HoldEvent("officer-a", "TL-DUP", false, T0.AddSeconds(2.1), EngineHolds.WithdrawnPush),
        };

        var fromTimelines = EngineHolds.Build(details);
        Assert.False(EngineHolds.Busy(fromTimelines, "officer-a", T0.AddSeconds(1), T0.AddSeconds(1.5)));

        var holds = EngineHolds.Build(details).WithWithdrawnOffers(pushes);
        Assert.True(EngineHolds.Busy(holds, "officer-a", T0.AddSeconds(1), T0.AddSeconds(1.5)));
        Assert.False(EngineHolds.Busy(holds, "officer-a", T0.AddSeconds(2.2), T0.AddSeconds(3)));
        Assert.False(EngineHolds.Busy(holds, "officer-b", T0, T0.AddSeconds(3)));
    }

    [Fact]
    public void An_offer_that_ended_otherwise_or_never_ended_adds_nothing()
    {
        var pushes = new[]
        {
            // Refused: the report's timeline shows that hold; the field step's answer closes the pair without a new hold.
            new HoldEvent("officer-a", "TL-1", true, T0, "offer push"),
            new HoldEvent("officer-a", "TL-1", false, T0.AddSeconds(5), "field step answer"),
            // Still held at the end: the timeline shows it (open to the end).
            new HoldEvent("officer-b", "TL-2", true, T0, "offer push"),
        };

        var holds = new Dictionary<string, List<EngineHold>>(StringComparer.Ordinal).WithWithdrawnOffers(pushes);
        Assert.Empty(holds);
    }

    [Fact]
    public void A_hold_the_officer_ended_lasts_until_its_phone_got_the_answer()
    {
        var details = new[] { Report("TL-RES", ("received", null, 0), ("offered", "officer-a", 1), ("resolved", "officer-a", 10)) };
        var events = new[]
        {
            new HoldEvent("officer-a", "TL-RES", false, T0.AddSeconds(10), "field step answer"),
            new HoldEvent("officer-a", "TL-RES", false, T0.AddSeconds(12.5), EngineHolds.AnsweredStep),
            // Another officer's answer, and one for a report the officer never held: nothing changes for officer-a.
            new HoldEvent("officer-b", "TL-RES", false, T0.AddSeconds(30), EngineHolds.AnsweredStep),
            new HoldEvent("officer-a", "TL-OTHER", false, T0.AddSeconds(30), EngineHolds.AnsweredStep),
        };

        Assert.False(EngineHolds.Busy(EngineHolds.Build(details), "officer-a", T0.AddSeconds(11), T0.AddSeconds(12)));

        var holds = EngineHolds.Build(details).WithAnsweredSteps(events);
        Assert.True(EngineHolds.Busy(holds, "officer-a", T0.AddSeconds(11), T0.AddSeconds(12)));
        Assert.False(EngineHolds.Busy(holds, "officer-a", T0.AddSeconds(12.6), T0.AddSeconds(20)));
        Assert.Equal(T0.AddSeconds(12.5), EngineHolds.LastBefore(holds, "officer-a", T0.AddSeconds(20))!.To);
        Assert.False(holds.ContainsKey("officer-b"));
    }

    [Fact]
    public void An_answer_never_shortens_a_hold_nor_ends_an_open_one()
    {
        var details = new[]
        {
            Report("TL-1", ("offered", "officer-a", 1), ("resolved", "officer-a", 10)),
            Report("TL-2", ("offered", "officer-b", 1)),
        };
        var events = new[]
        {
            new HoldEvent("officer-a", "TL-1", false, T0.AddSeconds(5), EngineHolds.AnsweredStep),
            new HoldEvent("officer-b", "TL-2", false, T0.AddSeconds(5), EngineHolds.AnsweredStep),
        };

        var holds = EngineHolds.Build(details).WithAnsweredSteps(events);
        Assert.Equal(T0.AddSeconds(10), holds["officer-a"].Single().To);
        Assert.Equal(DateTimeOffset.MaxValue, holds["officer-b"].Single().To);
    }

    [Fact]
    public void A_hold_begins_when_the_officer_took_the_offer_by_its_push()
    {
        // Two reports wanted officer-a together: TL-A got it (the officer accepted at 0.1000 s, TL-A's entry at 0.1006 s);
        // TL-B was refused and offered officer-b, its entry dated 0.1002 s, before TL-A's.
        var details = new[]
        {
            Report("TL-A", ("received", null, 0), ("offered", "officer-a", 0.1006)),
            Report("TL-B", ("received", null, 0), ("offered", "officer-b", 0.1002)),
        };
        var pushes = new[]
        {
            new HoldEvent("officer-a", "TL-A", true, T0.AddSeconds(0.1000), EngineHolds.OfferPush),
            // A push for a report the officer holds from earlier than the push: the hold is not moved later.
            new HoldEvent("officer-b", "TL-B", true, T0.AddSeconds(0.2), EngineHolds.OfferPush),
        };

        var bTakenAt = T0.AddSeconds(0.1002);
        Assert.False(EngineHolds.Busy(EngineHolds.Build(details), "officer-a", bTakenAt.AddSeconds(-1), bTakenAt));

        var holds = EngineHolds.Build(details).WithOfferPushes(pushes);
        Assert.True(EngineHolds.Busy(holds, "officer-a", bTakenAt.AddSeconds(-1), bTakenAt));
        Assert.Equal(T0.AddSeconds(0.1002), holds["officer-b"].Single().From);
    }
}
