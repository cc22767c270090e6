using TangerangLive.LoadTest;
using TangerangLive.LoadTest.Bench;
using TangerangLive.LoadTest.Ceiling;
using TangerangLive.LoadTest.Failover;
using TangerangLive.LoadTest.Run;

return args switch
{
    ["bench" or "run" or "ceiling" or "failover", "help" or "--help" or "-h"] => Usage.Print(Console.Out, exitCode: 0),
    ["bench", .. var options] => await BenchCommand.RunAsync(options),
    ["run", .. var options] => await RunCommand.RunAsync(options),
    ["ceiling", .. var options] => await CeilingCommand.RunAsync(options),
    ["failover", .. var options] => await FailoverCommand.RunAsync(options),
    ["help" or "--help" or "-h"] => Usage.Print(Console.Out, exitCode: 0),
    _ => Usage.Print(Console.Error, exitCode: 2),
};
