using System.Security.Cryptography;
using System.Text;

namespace TangerangLive.Grains.Attendance;

/// <summary>
/// Tamper evidence for closed day records: each record is sealed with the SHA-256 of its canonical
/// text and the previous record's hash, so changing, removing or reordering a record breaks the chain.
/// </summary>
public static class AttendanceChain
{
    /// <summary>The previous hash of the first record in a chain.</summary>
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>Seals <paramref name="record"/> after the record whose hash is <paramref name="previousHash"/>.</summary>
    public static SealedRecord Seal(DailyAttendance record, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!IsHash(previousHash))
        {
            throw new ArgumentException("The previous hash must be 64 lower-case hex digits.", nameof(previousHash));
        }

        return new SealedRecord(record, previousHash, HashOf(record, previousHash));
    }

    /// <summary>Seals records in order, starting from the genesis hash.</summary>
    public static IReadOnlyList<SealedRecord> SealAll(IEnumerable<DailyAttendance> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var sealedRecords = new List<SealedRecord>();
        var previous = GenesisHash;
        foreach (var record in records)
        {
            var sealedRecord = Seal(record, previous);
            sealedRecords.Add(sealedRecord);
            previous = sealedRecord.Hash;
        }

        return sealedRecords;
    }

    /// <summary>Checks every link, reporting the first record whose hash or previous hash is wrong.</summary>
    public static ChainVerification Verify(IEnumerable<SealedRecord> chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var expectedPrevious = GenesisHash;
        var index = 0;
        foreach (var link in chain)
        {
            if (link?.Record is null)
            {
                return ChainVerification.BrokenAt(index, "record is missing");
            }

            if (!string.Equals(link.PreviousHash, expectedPrevious, StringComparison.Ordinal))
            {
                return ChainVerification.BrokenAt(
                    index,
                    index == 0 ? "first record does not start from the genesis hash" : "previous hash does not match the hash of the record before it");
            }

            var actual = HashOf(link.Record, link.PreviousHash);
            if (!string.Equals(link.Hash, actual, StringComparison.Ordinal))
            {
                return ChainVerification.BrokenAt(index, "hash does not match the record's contents");
            }

            expectedPrevious = link.Hash;
            index++;
        }

        return ChainVerification.Valid;
    }

    private static string HashOf(DailyAttendance record, string previousHash)
    {
        var bytes = Encoding.UTF8.GetBytes(CanonicalAttendance.Write(record, previousHash));
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private static bool IsHash(string? value) =>
        value is { Length: 64 } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
