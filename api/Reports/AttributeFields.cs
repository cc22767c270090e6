using Microsoft.AspNetCore.Http;
using TangerangLive.Api.Problems;
using TangerangLive.Grains.City;
using TangerangLive.Grains.Complaints;

namespace TangerangLive.Api.Reports;

/// <summary>
/// The <c>attribute[CODE]=v</c> and <c>attribute[CODE][]=v</c> fields of a form (Open311's way, also the citizens'
/// page's): read into code → values, each problem named by its field; then the answers a category defines.
/// </summary>
public static class AttributeFields
{
    public const int MaxAttributes = 30;
    public const int MaxValue = ReportValidation.MaxDescription;
    private const string Prefix = "attribute[";

    /// <summary>Every attribute field of the form, values trimmed; <paramref name="error"/> gets (field, message) per problem.</summary>
    public static Dictionary<string, string[]> Read(IFormCollection form, Action<string, string> error)
    {
        var attributes = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, values) in form.Where(f => f.Key.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var code = name.EndsWith("][]", StringComparison.Ordinal) ? name[Prefix.Length..^3] : name.EndsWith(']') ? name[Prefix.Length..^1] : null;
            if (code is not { Length: > 0 and <= 64 } || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                error(name, "an attribute is attribute[CODE] or attribute[CODE][], CODE 1-64 letters, digits, '_', '-' or '.'.");
                continue;
            }

            var texts = values.Select(v => (v ?? string.Empty).Trim()).ToArray();
            if (texts.Any(v => v.Length > MaxValue || !CleanText.IsClean(v, multiLine: true)))
            {
                error(name, $"each value at most {MaxValue} characters of clean text.");
                continue;
            }

            attributes[code] = attributes.TryGetValue(code, out var earlier) ? [.. earlier, .. texts] : texts;
        }

        if (attributes.Count > MaxAttributes)
        {
            error("attribute", $"at most {MaxAttributes} attributes.");
        }

        return attributes;
    }

    /// <summary>
    /// The answers <paramref name="category"/> defines, in its order, or null when it defines none of them;
    /// each problem goes to <paramref name="error"/> as (attribute[CODE], message).
    /// </summary>
    public static IReadOnlyList<AttributeAnswer>? Answers(
        CategoryDefinition category, IReadOnlyDictionary<string, string[]> attributes, bool requireAnswers, Action<string, string> error)
    {
        var problems = AttributeAnswers.Check(category, attributes, requireAnswers, out var accepted);
        foreach (var problem in problems)
        {
            error($"attribute[{problem.Code}]", problem.Message);
        }

        var answers = category.AttributeList.Where(a => accepted.ContainsKey(a.Code)).Select(a => new AttributeAnswer(a.Code, accepted[a.Code])).ToList();
        return answers.Count == 0 ? null : answers;
    }
}
