using System.Globalization;
using TangerangLive.LoadTest.Run;

namespace TangerangLive.LoadTest.Failover;

/// <summary>
/// The options of <c>failover</c>: the <c>run</c> options (two --url values) plus the silo processes' ids, which
/// one to kill and when. Drop-outs default to 0 so every hub reconnect is the failover's.
/// </summary>
internal sealed record FailoverOptions(RunOptions Run, IReadOnlyList<int> Pids, int Kill, TimeSpan KillAfter)
{
    public Uri Victim => Run.Urls[Kill - 1];

    public int VictimPid => Pids[Kill - 1];

    public static FailoverOptions? Parse(IReadOnlyList<string> args, out string error)
    {
        var runArgs = new List<string> { "--dropout-fraction", "0", "--duration", "60s" };
        IReadOnlyList<int>? pids = null;
        var kill = 2;
        TimeSpan? killAfter = null;
        error = string.Empty;
        for (var i = 0; i < args.Count; i += 2)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--pids" when value is not null:
                    var parsed = value.Split(',', StringSplitOptions.TrimEntries).Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : 0).ToArray();
                    pids = parsed.Length == 2 && parsed.All(p => p > 0) ? parsed : null;
                    if (pids is null)
                    {
                        error = $"--pids wants two process ids, in the order of --url: '{value}'";
                        return null;
                    }

                    break;
                case "--kill" when value is "1" or "2":
                    kill = value == "1" ? 1 : 2;
                    break;
                case "--kill-after" when value is not null && double.TryParse(value.TrimEnd('s'), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 3600:
                    killAfter = TimeSpan.FromSeconds(seconds);
                    break;
                case "--kill" or "--kill-after":
                    error = $"invalid option '{args[i]} {value}' (--kill 1|2, --kill-after 25s)";
                    return null;
                default:
                    runArgs.Add(args[i]);
                    if (value is not null)
                    {
                        runArgs.Add(value);
                    }

                    break;
            }
        }

        var run = RunOptions.Parse(runArgs, out error);
        if (run is null)
        {
            return null;
        }

        if (run.Urls.Count != 2 || pids is null)
        {
            error = "failover needs --url with two silos and --pids with their two process ids, in the same order";
            return null;
        }

        var after = killAfter ?? TimeSpan.FromSeconds(Math.Round(run.Duration.TotalSeconds * 0.4));
        if (after >= run.Duration)
        {
            error = $"--kill-after ({after.TotalSeconds:F0} s) must fall inside --duration ({run.Duration.TotalSeconds:F0} s)";
            return null;
        }

        return new FailoverOptions(run, pids, kill, after);
    }
}
