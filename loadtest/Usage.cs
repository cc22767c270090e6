namespace TangerangLive.LoadTest;

/// <summary>The command line of the load-test program.</summary>
internal static class Usage
{
    public const string Text = """
        usage: tangerang-loadtest <command> [options]

        commands:
          tangerang-loadtest bench [--officers 300,10000,100000] [--queries N] [--seed S] [--out docs/benchmarks.md]
              bench: measure matching in process over the zone index (latency, position updates,
              memory, correctness against a brute-force scan) and write a Markdown report
          run: drive a running system through its public API (see README)
          tangerang-loadtest ceiling [--url http://127.0.0.1:8080[,...]] [--path sigap|osmand|sigap,osmand] [--reports] [--noop | --noop-only]
                                     [--officers 10000] [--start-rate 1000] [--growth 1.5 | --increment N] [--step-seconds 10]
                                     [--p99-ms 50] [--max-error-rate 0.001] [--max-seconds 300] [--max-rate N]
                                     [--hold-rate R --hold-seconds 120] [--reports-start-rate 10] [--citizens 120]
                                     [--connections 256] [--max-in-flight 20000] [--warmup-seconds 3] [--drain-seconds 5]
                                     [--noop-port 0] [--seed 42] [--out ceiling-report]
              ceiling: enrol officers and ramp heartbeats (and reports) open loop until p99, the error rate or the
              client's own capacity passes a limit; with --noop first the same client against a no-op endpoint it
              hosts on 127.0.0.1; --hold-rate runs one constant step of the first --path instead of the engine ramp and exits 1 unless it
              held (no error, p99 under the limit); --max-seconds bounds the measurement (not the enrolment);
              writes ceiling.md, ceiling.json and ceiling.svg under --out
        """;

    /// <summary>Writes the usage text and returns the exit code to end with.</summary>
    public static int Print(TextWriter writer, int exitCode)
    {
        writer.WriteLine(Text);
        return exitCode;
    }
}
