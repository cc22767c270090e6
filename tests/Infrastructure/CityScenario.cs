using TangerangLive.Grains;
using TangerangLive.Grains.City;
using TangerangLive.Grains.Complaints;
using TangerangLive.Grains.Officers;

namespace TangerangLive.Tests.Infrastructure;

/// <summary>Builds dispatch situations in the real city: officers on duty at known distances from a point.</summary>
public sealed class CityScenario(IGrainFactory grains, CityModel city, DomainClock clock)
{
    private static int _sequence;
    private readonly Dictionary<string, (double Lat, double Lon)> _positions = new(StringComparer.Ordinal);

    /// <summary>A unique prefix, so tests sharing a cluster never meet each other's officers or reports.</summary>
    public string Tag { get; } = $"t{Interlocked.Increment(ref _sequence)}x{Random.Shared.Next(1000, 9999)}";

    /// <summary>The centroid of the zone at this index of the city's zone list.</summary>
    public (double Lat, double Lon) ZoneCentre(int index)
    {
        var zone = city.Map.All[index];
        return (zone.CentroidLat, zone.CentroidLon);
    }

    /// <summary>The point <paramref name="eastMetres"/> east and <paramref name="northMetres"/> north of another.</summary>
    public (double Lat, double Lon) Offset((double Lat, double Lon) from, double eastMetres, double northMetres)
    {
        var plane = city.Map.Metric.Project(from.Lat, from.Lon);
        return city.Map.Metric.Unproject(plane.X + eastMetres, plane.Y + northMetres);
    }

    public string OfficerId(string name) => $"{Tag}-{name}";

    /// <summary>Registers an officer, starts the shift and reports a position: available for dispatch.</summary>
    public async Task<IOfficerGrain> OnDutyAsync(string name, string agency, (double Lat, double Lon) at)
    {
        var id = OfficerId(name);
        var officer = grains.Officer(id);
        await officer.RegisterAsync(new OfficerProfile(id, $"Officer {name}", agency, "Team 1", "pagi", [], true));
        var started = await officer.StartShiftAsync();
        Assert.True(started.Ok, started.Error);
        await officer.ReportPositionAsync(new PositionReport(at.Lat, at.Lon, clock.Now));
        _positions[id] = at;
        return officer;
    }

    /// <summary>
    /// Lets business time pass in steps, every officer of the scenario sending a heartbeat after each
    /// step, as their phones would; officers in <paramref name="silent"/> send nothing.
    /// </summary>
    public async Task PassTimeAsync(Microsoft.Extensions.Time.Testing.FakeTimeProvider time, TimeSpan total, params string[] silent)
    {
        var step = TimeSpan.FromSeconds(20);
        for (var passed = TimeSpan.Zero; passed < total; passed += step)
        {
            time.Advance(total - passed < step ? total - passed : step);
            foreach (var (id, at) in _positions)
            {
                if (!silent.Contains(id))
                {
                    await grains.Officer(id).ReportPositionAsync(new PositionReport(at.Lat, at.Lon, clock.Now));
                }
            }
        }
    }

    public async Task<(IComplaintGrain Grain, ComplaintSnapshot Snapshot)> ReportAsync(string category, (double Lat, double Lon) at, string? description = null)
    {
        var id = ComplaintKey.NewId();
        var grain = grains.Complaint(id);
        var outcome = await grain.SubmitAsync(new ComplaintSubmission(
            category, description ?? $"{category} test report", at.Lat, at.Lon, [], new Reporter($"{Tag}-citizen", "Warga", null), "app", Guid.NewGuid().ToString("N")));
        Assert.Equal(SubmitOutcomeKind.Created, outcome.Kind);
        return (grain, outcome.Complaint!);
    }
}
