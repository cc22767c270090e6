using System.Globalization;

namespace TangerangLive.LoadTest.Run.Checks;

/// <summary>
/// Attendance shows the simulated drop-outs as gaps. A sealed attendance day
/// (<c>GET /api/attendance/officers/{id}/days/{day}</c>) exists only once the officer's shift window
/// has ended, so mid-shift the check reads what attendance is built from: the officer's live online
/// state. A drop-out longer than the offline threshold must turn the officer offline (a gap) and the
/// first heartbeat back online again; a shorter one must leave the officer online.
/// </summary>
internal static class AttendanceCheck
{
    public const string Name = "attendance shows the drop-outs as gaps";

    public static CheckResult Run(IReadOnlyList<DropoutRecord> records, TimeSpan offlineThreshold, TimeSpan longDropout)
    {
        if (records.Count == 0)
        {
            return CheckResult.Skipped(Name, "no officer dropped out (--dropout-fraction 0, or none was free when due)");
        }

        var longOnes = records.Count(r => r.LongerThanThreshold);
        var violations = records.Where(r => r.Failed).OrderBy(r => r.OfficerId, StringComparer.Ordinal).Select(Describe).ToList();
        var unobserved = records.Count(r => r.Unobserved);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{records.Count} drop-outs: {longOnes} of {longDropout.TotalSeconds:F0} s (longer than the {offlineThreshold.TotalSeconds:F0} s offline threshold) must show as gaps, " +
            $"{records.Count - longOnes} shorter ones must be ridden out online; {records.Count - violations.Count - unobserved} shown as they should, {violations.Count} not, " +
            $"{unobserved} not fully observable (state unreadable or no heartbeat got through after the return)");
        if (unobserved == records.Count)
        {
            return CheckResult.Skipped(Name, summary);
        }

        if (longOnes == 0 && violations.Count == 0)
        {
            return new CheckResult(Name, CheckResult.Skip,
                summary + $"; no gap could be observed: the run is too short for a drop-out past the offline threshold (use --duration of at least {Math.Ceiling((longDropout.TotalSeconds + 2) / 0.95):F0} s, or a city with a shorter threshold and --offline-threshold)",
                []);
        }

        return CheckResult.From(Name, summary, violations);
    }

    private static string Describe(DropoutRecord r) => r.LongerThanThreshold
        ? $"{r.OfficerId}: silent for {r.Length.TotalSeconds:F0} s; marked offline: {Word(r.GapSeen)}; online again after the return: {Word(r.OnlineAfter)}"
        : $"{r.OfficerId}: silent for {r.Length.TotalSeconds:F0} s (under the threshold); still online before the return: {Word(r.OnlineBeforeReturn)}; online after: {Word(r.OnlineAfter)}";

    private static string Word(bool? value) => value switch { true => "yes", false => "no", null => "not observable" };
}
