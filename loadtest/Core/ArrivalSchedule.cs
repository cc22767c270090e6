namespace TangerangLive.LoadTest.Core;

/// <summary>
/// The deterministic offsets (from the stream's start) of an open-loop arrival stream: the same
/// rate, pattern and seed always give the same sequence.
/// </summary>
public sealed class ArrivalSchedule
{
    private const double JitterFraction = 0.1;
    private readonly double _gapSeconds;
    private readonly ArrivalPattern _pattern;
    private readonly Random _random;
    private double _nextSeconds;
    private long _index;

    public ArrivalSchedule(double ratePerSecond, ArrivalPattern pattern, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        _gapSeconds = 1.0 / ratePerSecond;
        _pattern = pattern;
        _random = new Random(seed);
        _nextSeconds = pattern == ArrivalPattern.Poisson ? Exponential() : _gapSeconds * _random.NextDouble();
    }

    /// <summary>The next arrival's index and offset from the start of the stream.</summary>
    public (long Index, TimeSpan Offset) Next()
    {
        var offset = _pattern switch
        {
            ArrivalPattern.Poisson => _nextSeconds,
            _ => Math.Max(0, _nextSeconds + ((_random.NextDouble() * 2 - 1) * JitterFraction * _gapSeconds)),
        };
        _nextSeconds += _pattern == ArrivalPattern.Poisson ? Exponential() : _gapSeconds;
        return (_index++, TimeSpan.FromSeconds(offset));
    }

    private double Exponential() => -Math.Log(1 - _random.NextDouble()) * _gapSeconds;
}
