using TangerangLive.Grains.Complaints;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.Dispatch;

/// <summary>
/// The Complaint grain is the last gate for the answers to a category's attributes: a bad answer is refused
/// whichever door sent it, a good one is stored with the report, and an unanswered required one is allowed.
/// </summary>
public sealed class AttributeIntakeTests(DispatchDatabase database) : DispatchTestBase(database)
{
    [Fact]
    public async Task A_bad_answer_is_refused_and_good_answers_are_stored_with_the_report()
    {
        var point = Scenario.ZoneCentre(12);
        var refused = await SubmitAsync("fallen-tree", point, new AttributeAnswer("blocking_road", ["perhaps"]));
        Assert.Equal((SubmitOutcomeKind.Rejected, "attribute[blocking_road]: 'perhaps' is not one of yes, no."), (refused.Kind, refused.Error));
        var undefined = await SubmitAsync("damaged-road", point, new AttributeAnswer("depth", ["3"]));
        Assert.Equal(SubmitOutcomeKind.Created, undefined.Kind);
        Assert.Null(undefined.Complaint!.Report.Attributes);

        var stored = await SubmitAsync("flood", Scenario.Offset(point, 300, 0), new AttributeAnswer("water_depth_cm", [" 30 "]));
        Assert.Equal(SubmitOutcomeKind.Created, stored.Kind);
        var answer = Assert.Single((await ReportAsync(Grains.Complaint(stored.Complaint!.Report.Id))).Report.Attributes!);
        Assert.Equal(("water_depth_cm", "30"), (answer.Code, Assert.Single(answer.Values)));

        var unanswered = await SubmitAsync("flood", Scenario.Offset(point, 0, 300));
        Assert.Equal(SubmitOutcomeKind.Created, unanswered.Kind);
        Assert.Null(unanswered.Complaint!.Report.Attributes);
    }

    private Task<SubmitOutcome> SubmitAsync(string category, (double Lat, double Lon) at, params AttributeAnswer[] answers) =>
        Grains.Complaint(ComplaintKey.NewId()).SubmitAsync(new ComplaintSubmission(
            category, $"{category} with answers", at.Lat, at.Lon, [], new Reporter("attribute-test", null, null), "app", Guid.NewGuid().ToString("N"),
            Attributes: answers.Length == 0 ? null : answers));
}
