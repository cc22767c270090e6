using Microsoft.Extensions.Time.Testing;
using TangerangLive.Grains;
using TangerangLive.Grains.Officers;
using TangerangLive.Grains.Zones;

namespace TangerangLive.Tests.Liveness;

/// <summary>
/// Drives business time through a working day in small steps, each officer's phone sending (or not
/// sending) a heartbeat per step through the officer's shard, as the API sends them (so a quiet officer goes dormant
/// and its shard applies its heartbeats), and waits after each step until every zone finished its sweep.
/// </summary>
public sealed class SimulatedDay(IGrainFactory grains, FakeTimeProvider time, CityModel city, TimeSpan? step = null)
{
    public TimeSpan Step { get; } = step ?? TimeSpan.FromSeconds(10);

    private readonly List<Phone> _phones = [];

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>A phone that reports <paramref name="where"/> whenever <paramref name="online"/> says it is online.</summary>
    public void Add(string officerId, Func<DateTimeOffset, bool> online, Func<DateTimeOffset, (double Lat, double Lon)> where) =>
        _phones.Add(new Phone(officerId, online, where));

    public async Task RunUntilAsync(DateTimeOffset end)
    {
        while (Now < end)
        {
            time.Advance(Step);
            var zones = _phones.Select(p => p.Where(Now)).Select(w => city.Map.FindZone(w.Lat, w.Lon)?.Code).OfType<string>().Distinct();
            await Task.WhenAll(zones.Select(z => grains.Zone(z).GetStatusAsync()));
            foreach (var phone in _phones.Where(p => p.Online(Now)))
            {
                var (lat, lon) = phone.Where(Now);
                await grains.OfficerShard(phone.OfficerId).ReportPositionAsync(phone.OfficerId, new PositionReport(lat, lon, Now, 8));
            }
        }
    }

    private sealed record Phone(string OfficerId, Func<DateTimeOffset, bool> Online, Func<DateTimeOffset, (double Lat, double Lon)> Where);
}
