using System.Net.Http.Json;
using TangerangLive.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TangerangLive.Tests.Browser;

/// <summary>
/// Opening the Live Room costs O(zones) grain calls, not O(officers): the page is opened in Chromium with a
/// few officers on shift and again with ten times as many, and the silo's own count of the grain calls its
/// screens caused (tangerang_screen_grain_calls_total, counted where the calls arrive, down the call
/// chain) must be the same both times: one call per zone for the zone counters and one per zone for the
/// officers' positions (plus one to the index of officers outside every zone), no call for the city, the figures,
/// the reports or the attendance board.
/// </summary>
public sealed class LiveRoomGrainCallTests(SceneSiloFixture scene, ITestOutputHelper output) : IClassFixture<SceneSiloFixture>
{
    private const int Zones = 104;

    [Fact]
    public async Task Opening_the_live_room_makes_one_grain_call_per_zone_for_counters_and_positions_with_30_or_300_officers()
    {
        var city = new CityScene(scene.Silo, output.WriteLine);
        await city.SeedAsync(30, 0);
        var few = await OpenAndCountAsync(30);
        await city.SeedAsync(270, 0, first: 30);
        var many = await OpenAndCountAsync(300);

        var expected = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["officer-positions/IZoneGrain"] = Zones,
            ["officer-positions/IOutsideOfficersGrain"] = 1,
            ["zones/IZoneGrain"] = Zones,
        };
        Assert.Equal(expected, few);
        Assert.Equal(expected, many);
    }

    /// <summary>Opens the wall, waits until everything it shows is drawn, and returns the grain calls that cost.</summary>
    private async Task<IReadOnlyDictionary<string, long>> OpenAndCountAsync(int officers)
    {
        using var admin = await scene.Silo.ClientAsync("admin");
        await Poll.UntilAsync(
            async () => (await admin.GetFromJsonAsync<List<object>>("/api/officers/positions"))!.Count == officers,
            TimeSpan.FromSeconds(30), () => $"{officers} officers in the zones' positions");
        var before = await ScreenGrainCallCounts.ReadAsync(scene.Silo.Http);
        await using (var wall = await LiveRoomSession.OpenAsync(scene.Silo.Http.BaseAddress!, "viewer", output, path: "/?mode=wall"))
        {
            await wall.Page.WaitForFunctionAsync($"Number(document.getElementById('map').dataset.officers) === {officers}", null, new() { Timeout = 30_000 });
            await wall.WaitForAsync("#board-agencies tr.total", "the attendance board");
            await wall.WaitForAsync("#figures[data-open]", "the day's figures");
            Assert.Empty(wall.PageErrors);
        }

        var calls = (await ScreenGrainCallCounts.ReadAsync(scene.Silo.Http)).Since(before);
        output.WriteLine($"Opening the Live Room with {officers} officers on shift: {ScreenGrainCallCounts.Describe(calls)}");
        return calls;
    }
}
