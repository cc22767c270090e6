namespace TangerangLive.LoadTest.Run;

/// <summary>One end-of-run correctness check: passed, failed (with violations) or not possible in this run (with why).</summary>
internal sealed record CheckResult(string Name, string Outcome, string Summary, IReadOnlyList<string> Violations)
{
    public const string Pass = "passed";
    public const string Fail = "FAILED";
    public const string Skip = "not checked";

    public bool Failed => Outcome == Fail;

    public static CheckResult From(string name, string summary, IReadOnlyList<string> violations) =>
        new(name, violations.Count == 0 ? Pass : Fail, summary, violations);

    public static CheckResult Skipped(string name, string why) => new(name, Skip, why, []);
}
