namespace TangerangLive.LoadTest.Bench;

/// <summary>One search configuration: how many officers are asked for, and within what radius.</summary>
internal readonly record struct SearchConfig(int K, double MaxRadiusMetres)
{
    public static IReadOnlyList<SearchConfig> All { get; } =
        [new(5, 5_000), new(5, double.PositiveInfinity), new(1, 5_000), new(1, double.PositiveInfinity)];

    public string RadiusLabel => double.IsPositiveInfinity(MaxRadiusMetres) ? "unlimited" : $"{MaxRadiusMetres / 1000:0.#} km";

    public override string ToString() => $"k={K}, {RadiusLabel}";
}

/// <summary>Latency of one configuration in microseconds, and the mean number of zones asked.</summary>
internal sealed record LatencyResult(
    SearchConfig Config, int Queries, double P50Us, double P90Us, double P99Us, double MaxUs, double MeanZonesVisited);

/// <summary>Position updates applied to the zone index over a measured time.</summary>
internal sealed record UpdateResult(long Updates, long ZoneCrossings, TimeSpan Elapsed)
{
    public double PerSecond => Updates / Elapsed.TotalSeconds;

    public double CrossingShare => Updates == 0 ? 0 : (double)ZoneCrossings / Updates;
}

/// <summary>Everything measured for one officer count.</summary>
internal sealed record ScaleResult(
    int Officers,
    double HeapBytesPerOfficer,
    IReadOnlyList<LatencyResult> Latency,
    UpdateResult Updates,
    CorrectnessResult Correctness);

/// <summary>How many sampled queries matched the brute-force scan, and the first that did not.</summary>
internal sealed record CorrectnessResult(int Identical, int Samples, string? FirstMismatch)
{
    public bool AllIdentical => Identical == Samples;
}

/// <summary>Everything the report shows: results per N, the zone ranking alone, and where it ran.</summary>
internal sealed record BenchReport(
    IReadOnlyList<ScaleResult> Results, LatencyResult? ZoneRanking, MachineInfo Machine, string Command, string? LoadAverage);
