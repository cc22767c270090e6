using System.Globalization;

namespace TangerangLive.Grains.City;

/// <summary>One problem with the answers to a category's attributes, naming the attribute.</summary>
public sealed record AttributeProblem(string Code, string Message);

/// <summary>
/// Checks a report's answers against its category's <see cref="CategoryAttribute"/>s: every required one answered,
/// a number parses, a list answer is one of the keys, no attribute the category does not define.
/// </summary>
public static class AttributeAnswers
{
    /// <summary>
    /// The problems with <paramref name="answers"/> (code to the values sent; a multi-value list may have several), and
    /// in <paramref name="accepted"/> the answers the category defines, in its order, trimmed. A category without
    /// attributes accepts nothing and refuses nothing: what a caller sends it is the caller's to keep. With
    /// <paramref name="requireAnswers"/> false a required attribute may go unanswered: a channel that cannot ask the
    /// question (a tweet, a phone call) still reports a flood; a form that shows the definition (Open311) requires it.
    /// </summary>
    public static IReadOnlyList<AttributeProblem> Check(
        CategoryDefinition category, IReadOnlyDictionary<string, string[]> answers, bool requireAnswers, out IReadOnlyDictionary<string, string[]> accepted)
    {
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(answers);
        var problems = new List<AttributeProblem>();
        var kept = new Dictionary<string, string[]>(StringComparer.Ordinal);
        accepted = kept;
        var defined = category.AttributeList;
        if (defined.Count == 0)
        {
            return problems;
        }

        foreach (var code in answers.Keys.Where(k => !defined.Any(a => a.Code == k)).Order(StringComparer.Ordinal))
        {
            problems.Add(new AttributeProblem(code, $"'{category.Code}' has no attribute '{code}'; it takes {string.Join(", ", defined.Select(a => a.Code))}."));
        }

        foreach (var attribute in defined)
        {
            var values = answers.GetValueOrDefault(attribute.Code, []).Select(v => v.Trim()).Where(v => v.Length > 0).ToArray();
            if (values.Length == 0)
            {
                if (attribute.Required && requireAnswers)
                {
                    problems.Add(new AttributeProblem(attribute.Code, $"required: {attribute.Description}"));
                }

                continue;
            }

            if (Problem(attribute, values) is { } message)
            {
                problems.Add(new AttributeProblem(attribute.Code, message));
            }
            else
            {
                kept[attribute.Code] = values;
            }
        }

        return problems;
    }

    private static string? Problem(CategoryAttribute attribute, string[] values)
    {
        if (attribute.Datatype != CategoryAttribute.MultiValueList && values.Length > 1)
        {
            return $"one value only ({attribute.Datatype}).";
        }

        var value = values[0];
        return attribute.Datatype switch
        {
            CategoryAttribute.Number => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                ? null
                : $"a number is required (got '{value}').",
            CategoryAttribute.Datetime => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) && HasOffset(value)
                ? null
                : $"an ISO 8601 date and time with an offset is required (got '{value}').",
            CategoryAttribute.SingleValueList or CategoryAttribute.MultiValueList => values.FirstOrDefault(v => !attribute.Values!.Any(k => k.Key == v)) is { } unknown
                ? $"'{unknown}' is not one of {string.Join(", ", attribute.Values!.Select(k => k.Key))}."
                : values.Distinct(StringComparer.Ordinal).Count() != values.Length ? "each value once." : null,
            _ => null,
        };
    }

    private static bool HasOffset(string value) =>
        value.EndsWith('Z') || value.EndsWith('z') || (value.Length > 6 && value[^6] is '+' or '-' && value[^3] == ':');
}
