namespace TangerangLive.LoadTest.Run;

/// <summary>Something done to the system while a run plays (a silo killed), with the checks that say it did no harm.</summary>
internal interface IRunDisturbance
{
    Task RunAsync(Scenario scenario, CancellationToken stop);

    IReadOnlyList<CheckResult> Check(Scenario scenario, IReadOnlyDictionary<string, ReportDetail> details);
}
