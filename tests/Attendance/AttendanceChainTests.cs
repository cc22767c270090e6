using TangerangLive.Grains.Attendance;
using static TangerangLive.Tests.Attendance.AttendanceRecords;

namespace TangerangLive.Tests.Attendance;

public class AttendanceChainTests
{
    private static readonly DateOnly First = new(2025, 3, 1);

    [Fact]
    public void A_chain_of_thirty_sealed_days_verifies()
    {
        var chain = ThirtyDays();

        Assert.Equal(ChainVerification.Valid, AttendanceChain.Verify(chain));
        Assert.Equal(AttendanceChain.GenesisHash, chain[0].PreviousHash);
        Assert.Equal(new string('0', 64), AttendanceChain.GenesisHash);
        Assert.All(chain, link => Assert.Matches("^[0-9a-f]{64}$", link.Hash));
        Assert.Equal(30, chain.Select(link => link.Hash).Distinct().Count());
    }

    [Fact]
    public void Sealing_is_deterministic()
    {
        var record = Present("OFF-1", First);

        Assert.Equal(
            AttendanceChain.Seal(record, AttendanceChain.GenesisHash).Hash,
            AttendanceChain.Seal(record with { }, AttendanceChain.GenesisHash).Hash);
    }

    [Fact]
    public void Changing_one_field_of_one_record_breaks_the_chain_at_that_index()
    {
        var chain = ThirtyDays().ToList();
        chain[17] = chain[17] with { Record = chain[17].Record with { Status = AttendanceStatus.Present } };

        var result = AttendanceChain.Verify(chain);

        Assert.False(result.IsValid);
        Assert.Equal(17, result.BrokenIndex);
        Assert.Equal("hash does not match the record's contents", result.Reason);
    }

    [Fact]
    public void Changing_an_integrity_flag_detail_breaks_the_chain_at_that_index()
    {
        var chain = ThirtyDays().ToList();
        var flagged = chain[4].Record;
        chain[4] = chain[4] with { Record = flagged with { Flags = [flagged.Flags[0] with { Detail = "nothing to see" }] } };

        Assert.Equal(4, AttendanceChain.Verify(chain).BrokenIndex);
    }

    [Fact]
    public void Reordering_two_records_breaks_the_chain_at_the_first_moved_index()
    {
        var chain = ThirtyDays().ToList();
        (chain[10], chain[11]) = (chain[11], chain[10]);

        var result = AttendanceChain.Verify(chain);

        Assert.Equal(10, result.BrokenIndex);
        Assert.Equal("previous hash does not match the hash of the record before it", result.Reason);
    }

    [Fact]
    public void Removing_a_record_breaks_the_chain_where_it_was()
    {
        var chain = ThirtyDays().ToList();
        chain.RemoveAt(5);

        Assert.Equal(5, AttendanceChain.Verify(chain).BrokenIndex);
    }

    [Fact]
    public void A_chain_not_starting_from_genesis_breaks_at_index_zero()
    {
        var chain = ThirtyDays().Skip(1);

        var result = AttendanceChain.Verify(chain);

        Assert.Equal(0, result.BrokenIndex);
        Assert.Equal("first record does not start from the genesis hash", result.Reason);
    }

    [Fact]
    public void A_malformed_previous_hash_is_refused()
    {
        Assert.Throws<ArgumentException>(() => AttendanceChain.Seal(Present("OFF-1", First), "ABC"));
    }

    private static IReadOnlyList<SealedRecord> ThirtyDays()
    {
        var records = Enumerable.Range(0, 30).Select(i => Pagi("OFF-1", First.AddDays(i), (i * 37) % 481)).ToList();
        var flag = new IntegrityFlag(
            IntegrityFlagType.OutsideCity, records[4].ShiftWindow.Start.AddMinutes(5), "fix at -6.3, 106.6 is outside");
        records[4] = records[4] with { Flags = [flag] };
        return AttendanceChain.SealAll(records);
    }
}
