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
        """;

    /// <summary>Writes the usage text and returns the exit code to end with.</summary>
    public static int Print(TextWriter writer, int exitCode)
    {
        writer.WriteLine(Text);
        return exitCode;
    }
}
