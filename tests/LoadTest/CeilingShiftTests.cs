using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.LoadTest;

/// <summary>
/// <c>loadtest ceiling</c> against a real silo ends the shifts it started, unless <c>--keep-shifts</c> asks it to leave
/// them on shift: the memory scripts read the silo's memory per officer on shift after the run.
/// </summary>
[Trait("Category", "Slow")]
public sealed partial class CeilingShiftTests
{
    private const int Officers = 20;

    [Fact]
    public async Task A_hold_on_the_engine_ends_its_shifts_and_keep_shifts_leaves_them_on_shift()
    {
        var work = Directory.CreateTempSubdirectory("tl-ceiling-shifts-").FullName;
        var database = await PostgresServer.CreateDatabaseAsync("ceilingshifts");
        await using var silo = await SiloProcess.StartAsync(database, $"cs-{Guid.NewGuid():N}"[..16], ApiClients.SiloArgs());
        using var admin = await silo.ClientAsync("admin");

        var ended = await HoldAsync(silo, Path.Combine(work, "ended"));
        var kept = await HoldAsync(silo, Path.Combine(work, "kept"), "--keep-shifts");

        Assert.Equal(Enumerable.Repeat("OffDuty", Officers), await DutiesAsync(admin, ended));
        Assert.Equal(Enumerable.Repeat("Available", Officers), await DutiesAsync(admin, kept));
        PostgresServer.TryDelete(work);
    }

    private static async Task<string> HoldAsync(SiloProcess silo, string outDir, params string[] extra)
    {
        var (exitCode, output) = await LoadTestProcess.RunAsync(
        [
            "ceiling", "--url", $"http://127.0.0.1:{silo.HttpPort.ToString(CultureInfo.InvariantCulture)}", "--officers", Officers.ToString(CultureInfo.InvariantCulture),
            "--path", "sigap", "--hold-rate", "20", "--hold-seconds", "2", "--warmup-seconds", "0", "--drain-seconds", "1", "--p99-ms", "60000",
            "--max-seconds", "30", "--admin-password", ApiClients.DemoPassword, "--out", outDir, .. extra,
        ], TimeSpan.FromSeconds(90));
        Assert.True(exitCode == 0, $"loadtest ceiling exited with {exitCode}:{Environment.NewLine}{output}");
        var runId = RunId().Match(output);
        Assert.True(runId.Success, output);
        return runId.Groups[1].Value;
    }

    private static async Task<List<string>> DutiesAsync(HttpClient admin, string runId)
    {
        var duties = new List<string>();
        for (var i = 0; i < Officers; i++)
        {
            using var officer = JsonDocument.Parse(await admin.GetStringAsync($"/api/officers/lt-{runId}-{i:D6}"));
            duties.Add(officer.RootElement.GetProperty("duty").GetString()!);
        }

        return duties;
    }

    [GeneratedRegex(@"ceiling (c[0-9a-f]{5}): importing")]
    private static partial Regex RunId();
}
