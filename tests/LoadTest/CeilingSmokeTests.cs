using System.Text.Json;
using TangerangLive.LoadTest.Ceiling;

namespace TangerangLive.Tests.LoadTest;

/// <summary>
/// <c>loadtest ceiling</c> against its own in-process no-op endpoint only (no silo): a two-step ramp
/// per heartbeat path at small rates, and the report it writes. Limits are set so wide that every step
/// passes on any machine; the ramp ends at <c>--max-rate</c>. No rate the machine reaches is asserted.
/// </summary>
public sealed class CeilingSmokeTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), $"tl-ceiling-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_noop_ramp_of_two_steps_per_path_writes_its_steps_rates_and_chart()
    {
        var exit = await CeilingCommand.RunAsync(
        [
            "--noop-only", "--path", "sigap,osmand,hub", "--officers", "200", "--start-rate", "40", "--growth", "2", "--max-rate", "80",
            "--step-seconds", "1.5", "--warmup-seconds", "0.5", "--drain-seconds", "2", "--p99-ms", "60000", "--max-error-rate", "0.5",
            "--max-seconds", "60", "--out", _out,
        ]);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_out, "ceiling.json")));
        var root = json.RootElement;
        Assert.Empty(root.GetProperty("settings").GetProperty("urls").EnumerateArray());
        Assert.StartsWith("http://127.0.0.1:", root.GetProperty("settings").GetProperty("noopUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("hold").ValueKind);

        var ramps = root.GetProperty("ramps").EnumerateArray().ToList();
        Assert.Equal([("no-op", "sigap"), ("no-op", "osmand"), ("no-op", "hub")], ramps.Select(r => (r.GetProperty("target").GetString(), r.GetProperty("path").GetString())));
        foreach (var ramp in ramps)
        {
            var steps = ramp.GetProperty("steps").EnumerateArray().ToList();
            Assert.Equal([(1, 40.0), (2, 80.0)], steps.Select(s => (s.GetProperty("step").GetInt32(), s.GetProperty("targetRate").GetDouble())));
            foreach (var step in steps)
            {
                Assert.True(step.GetProperty("passed").GetBoolean(), step.GetProperty("verdict").GetString());
                Assert.Equal(step.GetProperty("sent").GetInt64(), step.GetProperty("ok").GetInt64() + step.GetProperty("errors").GetInt64());
                Assert.True(step.GetProperty("ok").GetInt64() > 0);
                Assert.True(step.GetProperty("achievedPerSecond").GetDouble() > 0);
                Assert.True(step.GetProperty("p99Ms").GetDouble() >= step.GetProperty("p50Ms").GetDouble());
                Assert.Equal(0, step.GetProperty("skipped").GetInt64());
            }

            Assert.Equal(2, ramp.GetProperty("highest").GetProperty("step").GetInt32());
            Assert.Equal("next rate 160/s is over --max-rate 80", ramp.GetProperty("stoppedBy").GetString());
        }

        var ceilings = root.GetProperty("ceilings").EnumerateArray().ToList();
        Assert.Equal(["sigap", "osmand", "hub"], ceilings.Select(c => c.GetProperty("path").GetString()));
        Assert.All(ceilings, c =>
        {
            Assert.True(c.GetProperty("noopPerSecond").GetDouble() > 0);
            Assert.Equal(JsonValueKind.Null, c.GetProperty("enginePerSecond").ValueKind);
        });
        Assert.True(root.GetProperty("machine").GetProperty("cores").GetInt32() > 0);

        var markdown = await File.ReadAllTextAsync(Path.Combine(_out, "ceiling.md"));
        Assert.Contains("## Highest sustainable rates", markdown, StringComparison.Ordinal);
        Assert.Contains("## Steps: no-op, heartbeat (SIGAP)", markdown, StringComparison.Ordinal);
        Assert.Contains("## Steps: no-op, heartbeat (OsmAnd)", markdown, StringComparison.Ordinal);
        Assert.Contains("## Steps: no-op, heartbeat (SIGAP hub)", markdown, StringComparison.Ordinal);
        Assert.Contains("shares this machine with the client exactly as the silo does", markdown, StringComparison.Ordinal);
        Assert.Contains("![achieved rate and p99 per step](ceiling.svg)", markdown, StringComparison.Ordinal);

        var svg = await File.ReadAllTextAsync(Path.Combine(_out, "ceiling.svg"));
        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        Assert.Contains(">no-op sigap</text>", svg, StringComparison.Ordinal);
        Assert.Contains(">no-op osmand</text>", svg, StringComparison.Ordinal);
        Assert.Contains(">no-op hub</text>", svg, StringComparison.Ordinal);
        Assert.Equal(6, svg.Split("<circle", StringSplitOptions.None).Length - 1);
    }

    [Theory]
    [InlineData("--hold-seconds", "60")]
    [InlineData("--growth", "1")]
    [InlineData("--path", "carrier-pigeon")]
    [InlineData("--officers", "0")]
    [InlineData("--hold-rate", "100")]
    public async Task An_invalid_option_ends_with_exit_code_2_and_writes_nothing(string option, string value)
    {
        var exit = await CeilingCommand.RunAsync(["--noop-only", option, value, "--out", _out]);

        Assert.Equal(2, exit);
        Assert.False(Directory.Exists(_out));
    }

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }
}
