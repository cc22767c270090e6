namespace TangerangLive.LoadTest.Core;

/// <summary>How the gaps between arrivals of an open-loop stream are drawn.</summary>
public enum ArrivalPattern
{
    /// <summary>Evenly spaced at 1/rate, each arrival moved by a seeded jitter of up to ±10 % of the gap.</summary>
    FixedWithJitter,

    /// <summary>A Poisson process: exponentially distributed gaps with mean 1/rate.</summary>
    Poisson,
}
