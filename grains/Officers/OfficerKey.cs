using System.Text.RegularExpressions;

namespace TangerangLive.Grains.Officers;

/// <summary>
/// Officer grain keys. Officer ids are often all digits (NIP); a key made only of hex characters
/// is read as a number by the ADO.NET storage, so every key carries a non-hex prefix.
/// </summary>
public static partial class OfficerKey
{
    private const string Prefix = "officer/";

    public static bool IsValidId(string? officerId) => officerId is not null && IdPattern().IsMatch(officerId);

    public static string For(string officerId) => Prefix + officerId;

    public static string IdOf(string grainKey) =>
        grainKey.StartsWith(Prefix, StringComparison.Ordinal) ? grainKey[Prefix.Length..] : grainKey;

    public static IOfficerGrain Officer(this IGrainFactory grains, string officerId) =>
        GrainReferences<IOfficerGrain>.Get(grains, For(officerId));

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex IdPattern();
}
