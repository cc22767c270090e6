using TangerangLive.Silo.Hosting;

namespace TangerangLive.Tests.Dispatch;

/// <summary>When the silo compacts its heap after officers went dormant: once a wave large enough has ended, never in the middle of one.</summary>
public sealed class HandOverCompactionTests
{
    [Theory]
    [InlineData(9_999, 0, 10_000, false)] // too few hand-overs to be worth a pause
    [InlineData(10_000, 0, 10_000, true)] // enough, and none in the last period: the wave is over
    [InlineData(100_000, 5_000, 10_000, true)] // a twentieth of the wave in the last period: its tail
    [InlineData(100_000, 5_001, 10_000, false)] // more than that: still going on
    [InlineData(40_000, 30_000, 10_000, false)] // most of it in the last period
    [InlineData(1_000_000, 0, 0, false)] // 0 turns compaction off
    public void Compacts_once_a_large_enough_wave_has_ended(long sinceCompaction, long inLastPeriod, int threshold, bool expected) =>
        Assert.Equal(expected, HandOverCompaction.ShouldCompact(sinceCompaction, inLastPeriod, threshold));
}
