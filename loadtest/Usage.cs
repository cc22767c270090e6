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
          tangerang-loadtest run [--url http://127.0.0.1:8080[,http://...]] [--officers 300] [--heartbeat-seconds 5]
                [--osmand-fraction 0.2] [--reports-per-second 2] [--duration 60s] [--warmup 0s] [--seed 42]
                [--refuse-fraction 0.1] [--ignore-fraction 0.05] [--dropout-fraction 0.05] [--override-fraction 0.05]
                [--photo-fraction 0.3] [--hub-fraction F] [--citizens N] [--offline-threshold 90s]
                [--admin-user admin] [--admin-password tangerang-demo] [--out loadtest-report]
              run: play N officers (up to 100,000), citizens and operators against running silos through the
              public HTTP and SignalR API only: roster import and device tokens, shifts, heartbeats (SIGAP and
              OsmAnd) while moving through the city, offers pushed on /hubs/officer and acknowledged, refused or
              ignored, en route, on scene, resolved with a photo; reports at R/s with Idempotency-Keys and
              retries; operator overrides; drop-outs. Open-loop arrivals, seeded, stops by itself. Requests and
              hub connections are spread round-robin over the --url list. Then checks correctness through the
              API and writes report.md, report.json and latency.svg to --out. Exit code 1 when a check failed.
                --hub-fraction   officers holding a SignalR connection (default: all, up to 10,000 officers);
                                 the others learn of offers by polling after each heartbeat
                --citizens       citizen accounts (default max(4, 1.2 x reports/s): at most 50 reports a minute each,
                                 under the intake limit per user; sign-ins over the per-address limit wait and retry)
                --offline-threshold  the city's liveness.offlineThresholdSeconds; drop-outs longer than it must
                                 show as gaps, shorter ones must not
                --warmup         play the same load this long before the measured --duration; what starts in it
                                 is reported apart ("warm-up: ..." in the set-up table); the checks cover all of it
                durations: 90, 90s, 2m, 1h
          tangerang-loadtest ceiling [--url http://127.0.0.1:8080[,...]] [--path sigap|osmand|hub|sigap,osmand,hub] [--reports] [--noop | --noop-only]
                                     [--officers 10000] [--start-rate 1000] [--growth 1.5 | --increment N] [--step-seconds 10]
                                     [--p99-ms 50] [--max-error-rate 0.001] [--max-seconds 300] [--max-rate N]
                                     [--hold-rate R --hold-seconds 120] [--reports-start-rate 10] [--citizens 120]
                                     [--connections 256] [--max-in-flight 20000] [--warmup-seconds 3] [--drain-seconds 5]
                                     [--noop-port 0] [--seed 42] [--keep-shifts] [--out ceiling-report]
              ceiling: enrol officers and ramp heartbeats (and reports) open loop until p99, the error rate or the
              client's own capacity passes a limit; with --noop first the same client against a no-op endpoint it
              hosts on 127.0.0.1; --hold-rate runs one constant step of the first --path instead of the engine ramp and exits 1 unless it
              held (no error, p99 under the limit); --max-seconds bounds the measurement (not the enrolment);
              writes ceiling.md, ceiling.json and ceiling.svg under --out; path hub sends each heartbeat as the officer
              hub's Heartbeat on the officer's own SignalR WebSocket (one connection per officer, opened before the ramp);
              --keep-shifts leaves the officers on shift at the end (memory of officers on shift is read after the run)
          tangerang-loadtest failover --url http://127.0.0.1:8080,http://127.0.0.1:8081 --pids PID1,PID2
                                      [--kill 1|2] [--kill-after 24s] [any run option; --duration defaults to 60s]
              failover: the run scenario against two running silos of one cluster; the silo named by --kill (1 or 2, the
              order of --url and --pids) is killed with SIGKILL by its process id after --kill-after (default 40% of
              --duration); then no more requests go to it and its officers' hubs reconnect to the survivor. Checks, on
              top of run's: no 500 and every 503 with Retry-After, every submission accepted (retried with its
              Idempotency-Key), every report offered, escalated or a duplicate within its acknowledgement deadline
              + 30 s of the kill. Progress is printed as it goes; exit code 1 when a check failed.
        """;

    /// <summary>Writes the usage text and returns the exit code to end with.</summary>
    public static int Print(TextWriter writer, int exitCode)
    {
        writer.WriteLine(Text);
        return exitCode;
    }
}
