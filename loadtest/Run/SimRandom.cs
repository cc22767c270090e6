namespace TangerangLive.LoadTest.Run;

/// <summary>
/// SplitMix64 over one <c>ulong</c> of state: a seeded random stream that costs 8 bytes per
/// simulated officer (a <see cref="Random"/> costs hundreds), for 100,000 officers.
/// </summary>
internal static class SimRandom
{
    /// <summary>A state for stream <paramref name="stream"/> of the run seeded with <paramref name="seed"/>.</summary>
    public static ulong Seed(int seed, long stream) => Mix(((ulong)(uint)seed << 32) ^ (ulong)stream ^ 0x9E3779B97F4A7C15UL);

    /// <summary>The next number in [0, 1).</summary>
    public static double NextDouble(ref ulong state) => (Next(ref state) >> 11) * (1.0 / (1UL << 53));

    /// <summary>A number in [min, max).</summary>
    public static double Between(ref ulong state, double min, double max) => min + (NextDouble(ref state) * (max - min));

    private static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
