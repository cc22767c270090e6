using System.Security.Cryptography;
using System.Text;

namespace TangerangLive.Grains.Complaints;

/// <summary>Report ids and grain keys. Ids look like TL-7Q2M9KX4D3PA; keys carry a non-hex prefix.</summary>
public static class ComplaintKey
{
    private const string Prefix = "complaint/";
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    public static string For(string complaintId) => Prefix + complaintId;

    public static string IdOf(string grainKey) =>
        grainKey.StartsWith(Prefix, StringComparison.Ordinal) ? grainKey[Prefix.Length..] : grainKey;

    public static bool IsValidId(string? id) =>
        id is { Length: 15 } && id.StartsWith("TL-", StringComparison.Ordinal) && id[3..].All(c => Alphabet.Contains(c, StringComparison.Ordinal));

    /// <summary>A fresh random id.</summary>
    public static string NewId() => Encode(RandomNumberGenerator.GetBytes(12));

    /// <summary>The id an idempotency key maps to: the same caller and key always give the same report.</summary>
    public static string FromIdempotencyKey(string scope, string key) =>
        Encode(SHA256.HashData(Encoding.UTF8.GetBytes($"{scope}\n{key}")));

    public static IComplaintGrain Complaint(this IGrainFactory grains, string complaintId) =>
        grains.GetGrain<IComplaintGrain>(For(complaintId));

    private static string Encode(byte[] bytes)
    {
        var chars = new char[12];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[bytes[i] % Alphabet.Length];
        }

        return "TL-" + new string(chars);
    }
}
