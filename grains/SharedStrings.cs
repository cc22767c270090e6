using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace TangerangLive.Grains;

/// <summary>
/// One instance per distinct value for the few strings that every officer repeats (agency, team and shift codes, zone
/// codes read back from storage, roles and issuers of tokens): each officer's copy, read from PostgreSQL or parsed
/// out of a token, is otherwise a string of its own, 30-60 bytes times the officers on shift. Meant only for values
/// of low cardinality: past <see cref="Capacity"/> distinct values a string is returned as it is (never dropped
/// from the table, so an instance handed out stays the one), so unexpected unique values cannot grow it without limit.
/// </summary>
public static class SharedStrings
{
    /// <summary>Distinct values kept at most (a city has tens of agencies, teams, shifts and a few hundred zones).</summary>
    public const int Capacity = 4096;

    private static readonly ConcurrentDictionary<string, string> Values = new(StringComparer.Ordinal);

    /// <summary>The shared instance equal to <paramref name="value"/> (null stays null).</summary>
    [return: NotNullIfNotNull(nameof(value))]
    public static string? Get(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (Values.TryGetValue(value, out var shared))
        {
            return shared;
        }

        return Values.Count >= Capacity ? value : Values.GetOrAdd(value, value);
    }
}
