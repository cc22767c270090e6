using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace TangerangLive.Api.Enrolment;

/// <summary>
/// A SIGAP app's long-lived sign-in: "tlc_" + a public id (64 random bits) + "." + a secret (256 random
/// bits), both base32. The id finds the row; only the SHA-256 of the secret is stored, so the credential
/// is shown once, when issued. Exchanging it costs one hash, not a password derivation.
/// </summary>
public sealed record DeviceCredential(string CredentialId, string Secret)
{
    public const string Prefix = "tlc_";
    private const int IdBytes = 8;
    private const int SecretBytes = 32;

    /// <summary>The text the phone keeps.</summary>
    public string Text => $"{Prefix}{CredentialId}.{Secret}";

    public byte[] SecretHash => HashOf(Secret);

    public static DeviceCredential New() =>
        new(Base32.Encode(RandomNumberGenerator.GetBytes(IdBytes)), Base32.Encode(RandomNumberGenerator.GetBytes(SecretBytes)));

    public static bool TryParse(string? text, [NotNullWhen(true)] out DeviceCredential? credential)
    {
        credential = null;
        if (text is not { Length: > 0 and <= 128 } || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var dot = text.IndexOf('.', Prefix.Length);
        if (dot < 0)
        {
            return false;
        }

        var id = text[Prefix.Length..dot];
        var secret = text[(dot + 1)..];
        if (!Base32.IsValid(id) || !Base32.IsValid(secret) || id.Length == 0 || secret.Length == 0)
        {
            return false;
        }

        credential = new DeviceCredential(id, secret);
        return true;
    }

    /// <summary>True when the secret hashes to <paramref name="storedHash"/>, in constant time.</summary>
    public bool Matches(byte[] storedHash) => CryptographicOperations.FixedTimeEquals(SecretHash, storedHash);

    private static byte[] HashOf(string secret) => SHA256.HashData(Encoding.ASCII.GetBytes(secret));
}

/// <summary>Lower-case RFC 4648 base32 without padding: ids that survive URLs, CSV cells and phone keyboards.</summary>
public static class Base32
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder((bytes.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return text.ToString();
    }

    public static bool IsValid(string text) => text.All(c => Alphabet.Contains(c, StringComparison.Ordinal));
}

/// <summary>Tracking device ids the engine generates: "trk-" + 128 random bits in base32 (26 characters).</summary>
public static class TrackingDeviceId
{
    public const string Prefix = "trk-";

    public static string New() => Prefix + Base32.Encode(RandomNumberGenerator.GetBytes(16));
}
