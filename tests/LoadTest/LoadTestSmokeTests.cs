using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using TangerangLive.Tests.Infrastructure;

namespace TangerangLive.Tests.LoadTest;

/// <summary>
/// <c>loadtest run</c> end to end: 300 officers against a silo this test starts, on a city whose offline
/// threshold is short enough (6 s) for drop-outs to show as gaps within a 20-second run. Every
/// correctness check of the run must pass, and reports must have been offered and resolved.
/// </summary>
[Trait("Category", "Slow")]
public sealed partial class LoadTestSmokeTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(75);

    [Fact]
    public async Task Three_hundred_officers_pass_every_correctness_check_with_reports_offered_and_resolved()
    {
        var work = Directory.CreateTempSubdirectory("tl-loadtest-smoke-").FullName;
        var city = Path.Combine(work, "short-liveness.city.json");
        var builtIn = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "grains", "City", "Data", "tangerang.city.json"));
        var shortLiveness = Liveness().Replace(builtIn, "\"liveness\": { \"heartbeatIntervalSeconds\": 2, \"offlineThresholdSeconds\": 6 }");
        Assert.NotEqual(builtIn, shortLiveness);
        await File.WriteAllTextAsync(city, shortLiveness);

        var database = await PostgresServer.CreateDatabaseAsync("loadtest");
        await using var silo = await SiloProcess.StartAsync(database, $"lt-{Guid.NewGuid():N}"[..16],
            ApiClients.SiloArgs("--City:DefinitionFile", city, "--RateLimits:TrackingPerMinute", "1000000"));
        var outDir = Path.Combine(work, "report");
        var (exitCode, output) = await LoadTestProcess.RunAsync(
        [
            "run", "--url", $"http://127.0.0.1:{silo.HttpPort.ToString(CultureInfo.InvariantCulture)}",
            "--officers", "300", "--duration", "20s", "--heartbeat-seconds", "2", "--offline-threshold", "6s",
            "--citizens", "4", "--seed", "7", "--admin-password", ApiClients.DemoPassword, "--out", outDir,
        ], ProcessTimeout);

        Assert.True(exitCode == 0, $"loadtest run exited with {exitCode}:{Environment.NewLine}{output}");
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "report.json")));
        var checks = report.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("outcome").GetString());
        Assert.Equal(5, checks.Count);
        Assert.All(checks, c => Assert.True(c.Value == "passed", $"{c.Key}: {c.Value}{Environment.NewLine}{output}"));

        var counts = report.RootElement.GetProperty("counts");
        Assert.True(counts.GetProperty("reportsAccepted").GetInt64() > 0, output);
        Assert.True(counts.GetProperty("offered").GetInt64() > 0, output);
        Assert.True(counts.GetProperty("resolved").GetInt64() > 0, output);
        Assert.True(counts.GetProperty("dropOuts").GetInt64() > 0, output);
        Assert.Contains("<polyline", await File.ReadAllTextAsync(Path.Combine(outDir, "latency.svg")), StringComparison.Ordinal);
        Assert.Contains("all checks passed", await File.ReadAllTextAsync(Path.Combine(outDir, "report.md")), StringComparison.Ordinal);

        // The run leaves no officer on shift: one still holding a report finishes it first, otherwise a next run against
        // the same silo would have reports offered to phones that are gone.
        var runId = report.RootElement.GetProperty("runId").GetString();
        using var admin = await silo.ClientAsync("admin");
        var onShift = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            var officerId = $"lt-{runId}-{i:D6}";
            using var officer = JsonDocument.Parse(await admin.GetStringAsync($"/api/officers/{officerId}"));
            if (officer.RootElement.GetProperty("duty").GetString() != "OffDuty")
            {
                onShift.Add($"{officerId} {officer.RootElement.GetProperty("duty").GetString()}");
            }
        }

        Assert.True(onShift.Count == 0, $"still on shift after the run: {string.Join(", ", onShift)}{Environment.NewLine}{output}");
        PostgresServer.TryDelete(work);
    }

    [GeneratedRegex("\"liveness\"\\s*:\\s*\\{[^}]*\\}")]
    private static partial Regex Liveness();
}
