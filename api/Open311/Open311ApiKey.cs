using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using TangerangLive.Api.Enrolment;

namespace TangerangLive.Api.Open311;

/// <summary>
/// A client application's api_key: "o311_" + a public id (64 random bits) + "." + a secret (256 random
/// bits), both base32. The id finds the row; only the SHA-256 of the secret is stored.
/// </summary>
public sealed record Open311ApiKey(string KeyId, string Secret)
{
    public const string Prefix = "o311_";

    public string Text => $"{Prefix}{KeyId}.{Secret}";

    public byte[] SecretHash => SHA256.HashData(Encoding.ASCII.GetBytes(Secret));

    public static Open311ApiKey New() =>
        new(Base32.Encode(RandomNumberGenerator.GetBytes(8)), Base32.Encode(RandomNumberGenerator.GetBytes(32)));

    public static bool TryParse(string? text, [NotNullWhen(true)] out Open311ApiKey? key)
    {
        key = null;
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
        if (id.Length == 0 || secret.Length == 0 || !Base32.IsValid(id) || !Base32.IsValid(secret))
        {
            return false;
        }

        key = new Open311ApiKey(id, secret);
        return true;
    }

    /// <summary>True when the secret hashes to <paramref name="storedHash"/>, in constant time.</summary>
    public bool Matches(byte[] storedHash) => CryptographicOperations.FixedTimeEquals(SecretHash, storedHash);
}
