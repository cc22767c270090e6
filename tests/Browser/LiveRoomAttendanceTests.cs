using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TangerangLive.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TangerangLive.Tests.Browser;

/// <summary>
/// The Live Room's attendance board in counts (/api/live/attendance): per agency and zone, the same
/// online / offline (heard today, not now) / absent (not heard today) split the officer-level list
/// (/api/attendance-board) gives when counted one officer at a time.
/// </summary>
public sealed class LiveRoomAttendanceTests(SceneSiloFixture scene, ITestOutputHelper output) : IClassFixture<SceneSiloFixture>
{
    private static readonly string[] Agencies = ["BPBD", "DBMSDA", "DKP", "Dishub", "SatpolPP"];

    [Fact]
    public async Task The_counts_per_agency_and_zone_match_the_officer_list_with_the_scene_online_and_the_demo_officers_absent()
    {
        await new CityScene(scene.Silo, output.WriteLine).SeedAsync(10, 0);
        using var viewer = await scene.Silo.ClientAsync("viewer");
        JsonObject counts = null!;
        // Each agency's counter moves as its officers' first heartbeats land, so wait for all ten, not for one agency.
        await Poll.UntilAsync(
            async () =>
            {
                counts = (await viewer.GetFromJsonAsync<JsonObject>("/api/live/attendance"))!;
                return Agencies.All(agency => Count(counts, "byAgency", agency, "online") == 2)
                    && counts["byZone"]!.AsArray().Sum(c => c!["online"]!.GetValue<long>()) == 10;
            },
            TimeSpan.FromSeconds(30), () => $"the scene's officers counted online: {counts}");
        var board = (await viewer.GetFromJsonAsync<JsonObject>("/api/attendance-board"))!;
        var day = DateTimeOffset.Parse(counts["day"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

        var officers = board["officers"]!.AsArray().Select(o => (
            Agency: o!["agency"]!.GetValue<string>(),
            Zone: o["zoneCode"]?.GetValue<string>(),
            State: o["online"]!.GetValue<bool>() ? "online"
                : o["lastSeen"] is { } seen && DateTimeOffset.Parse(seen.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) >= day ? "offline" : "absent")).ToList();
        Assert.Equal(Agencies, counts["byAgency"]!.AsArray().Select(c => c!["key"]!.GetValue<string>()));
        foreach (var state in new[] { "online", "offline", "absent" })
        {
            foreach (var agency in Agencies)
            {
                Assert.Equal(officers.Count(o => o.Agency == agency && o.State == state), Count(counts, "byAgency", agency, state));
            }

            foreach (var zone in officers.Where(o => o.Zone is not null && o.State != "absent").Select(o => o.Zone!).Distinct())
            {
                var expected = state == "absent" ? 0 : officers.Count(o => o.Zone == zone && o.State == state);
                Assert.Equal(expected, Count(counts, "byZone", zone, state));
            }
        }

        Assert.Equal(officers.Where(o => o.Zone is not null && o.State != "absent").Select(o => o.Zone).Distinct().Count(), counts["byZone"]!.AsArray().Count);
        // Two of each agency from the scene, online; the two demo officers (Dishub) never heard from today.
        Assert.All(Agencies, agency => Assert.Equal(2, Count(counts, "byAgency", agency, "online")));
        Assert.Equal(2, Count(counts, "byAgency", "Dishub", "absent"));
        Assert.Equal(2, counts["byAgency"]!.AsArray().Sum(c => c!["absent"]!.GetValue<long>()));
        Assert.Equal(10, counts["byZone"]!.AsArray().Sum(c => c!["online"]!.GetValue<long>()));
    }

    [Fact]
    public async Task An_unknown_agency_is_a_validation_problem_naming_the_field()
    {
        using var viewer = await scene.Silo.ClientAsync("viewer");
        using var response = await viewer.GetAsync("/api/live/attendance?agency=nope");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.NotNull(problem["errors"]!["agency"]);
    }

    private static long Count(JsonObject counts, string list, string key, string state) =>
        counts[list]!.AsArray().FirstOrDefault(c => c!["key"]!.GetValue<string>() == key)?[state]?.GetValue<long>() ?? 0;
}
