using System.Diagnostics;

namespace TangerangLive.LoadTest.Bench;

/// <summary>
/// Moves random officers by small random steps, single thread, as Zone grains would apply position
/// reports: a step that stays in the zone is an upsert; a step into another zone is a removal from
/// the old roster and an upsert into the new one. Steps that would leave the city are redrawn.
/// </summary>
internal static class UpdateBenchmark
{
    /// <summary>The largest step along each axis, in metres (about 10 m/s between 5-second reports).</summary>
    public const double MaxStepMetres = 50;

    public static UpdateResult Run(ZoneIndex index, Random rng, TimeSpan duration, Action<TimeSpan> progress)
    {
        var officers = index.Rosters.SelectMany(r => r.Officers.Select(o => (Position: o, Roster: r))).ToArray();
        var map = index.Map;
        long updates = 0;
        long crossings = 0;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if ((updates & 4095) == 0)
            {
                progress(clock.Elapsed);
                if (clock.Elapsed >= duration)
                {
                    break;
                }
            }

            var i = rng.Next(officers.Length);
            var (position, roster) = officers[i];
            var plane = map.Metric.Project(position.Lat, position.Lon);
            var (lat, lon) = map.Metric.Unproject(plane.X + Step(rng), plane.Y + Step(rng));
            if (map.FindZone(lat, lon) is not { } zone)
            {
                continue;
            }

            var moved = position with { Lat = lat, Lon = lon };
            if (!string.Equals(zone.Code, roster.ZoneCode, StringComparison.Ordinal))
            {
                roster.Remove(position.OfficerId);
                roster = index.Roster(zone.Code);
                crossings++;
            }

            roster.Upsert(moved);
            officers[i] = (moved, roster);
            updates++;
        }

        return new UpdateResult(updates, crossings, clock.Elapsed);
    }

    private static double Step(Random rng) => ((rng.NextDouble() * 2) - 1) * MaxStepMetres;
}
