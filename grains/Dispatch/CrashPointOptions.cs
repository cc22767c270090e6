namespace TangerangLive.Grains.Dispatch;

/// <summary>
/// Test-only switches that end this silo process with SIGKILL at a named point of a two-write step, so tests can
/// prove that recovery repairs what the crash left half-done. All off by default; never set them in production.
/// </summary>
public sealed class CrashPointOptions
{
    public const string Section = "Testing:CrashPoints";

    /// <summary>Kill the process right after an officer stored an offer and before the report stored it.</summary>
    public bool AfterOfficerOfferWrite { get; set; }

    /// <summary>
    /// At submission, write the report without registering its watch and kill the process before the caller is answered:
    /// the worst a crash can leave of the two writes submission makes together.
    /// </summary>
    public bool AfterReportWriteWithoutWatch { get; set; }

    /// <summary>Ends the process now, as a power cut would (no shutdown, no flush), when <paramref name="enabled"/>.</summary>
    public static void CrashIf(bool enabled)
    {
        if (enabled)
        {
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            self.Kill();
        }
    }
}
