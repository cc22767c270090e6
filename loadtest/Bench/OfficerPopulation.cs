using TangerangLive.Grains.Matching;

namespace TangerangLive.LoadTest.Bench;

/// <summary>Places officers at random points of the city, each routed to the roster of its zone.</summary>
internal static class OfficerPopulation
{
    /// <summary>The share of officers marked available.</summary>
    public const double AvailableShare = 0.8;

    private static readonly DateTime SeenUtc = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static void Place(CityWorld world, ZoneIndex index, int count, Random rng, Action<int> placed)
    {
        for (var i = 0; i < count; i++)
        {
            var point = world.RandomPoint(rng);
            var officer = new OfficerPosition(
                $"officer-{i:D6}",
                world.Agencies[rng.Next(world.Agencies.Count)],
                point.Lat,
                point.Lon,
                rng.NextDouble() < AvailableShare,
                SeenUtc);
            index.Roster(point.ZoneCode).Upsert(officer);
            if ((i & 1023) == 1023 || i == count - 1)
            {
                placed(i + 1);
            }
        }
    }
}
